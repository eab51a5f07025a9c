"""Rich text prepared when a page is saved: each value (intro, FAQ answer) sanitised once,
with its plain text, so that a request only fills in the URLs that may have changed since.

How it works: docs/architecture.md, section ``badgecms.home.prepared_rich_text``.
"""

import functools
import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text import features

from badgecms.home.richtext import (
    PublicPageLinkHandler,
    RenditionImageEmbedHandler,
    clean_fragment,
    render_rich_text_many,
    render_with_rewriter,
    rich_text_rewriter,
    rich_text_to_plain_text_many,
)

#: Changes with any change to how values are prepared or rendered: older entries are then
#: ignored (they no longer match a value's key).
VERSION = "1"
_SALT = "badgecms.home.prepared_rich_text"
#: A placeholder: a page link (``p<id>_``), a document link (``d<id>_``), an embed
#: (``e<number>_``), a link or embed that cannot be prepared (``x0_``) or the base URL of
#: root-relative URLs (``b``), behind the entry's random nonce.
_TOKEN = re.compile(r"https://([0-9a-f]{20})\.invalid/(?:([pdex])(\d+)_|b)")
#: A URL that the sanitiser keeps as it is (nothing to escape, an allowed scheme):
#: anything else goes the slow way.
_PLAIN_URL = re.compile(r"(?:https?://|/(?!/))[^\s\"'<>&\x00-\x1f\x7f\xa0]*")
#: What the render check uses in place of the request's base URL and targets.
_CHECK_BASE = "https://check.invalid"


def value_key(source):
    """The key of a stored rich text value (``str``) in ``prepared_rich_text``: a hex
    digest of :data:`VERSION` and the value."""
    return hashlib.sha256(f"{VERSION}\x00{source or ''}".encode()).hexdigest()[:32]


@functools.lru_cache(maxsize=4)
def _hmac_key(secret):
    # What django.utils.crypto.salted_hmac derives, once per secret instead of per entry.
    return hashlib.sha256((_SALT + secret).encode()).digest()


def _seal(key, nonce, html, text, embeds, secret=None):
    """HMAC-SHA256 (hex) of an entry for ``key``, keyed by ``secret`` (default
    SECRET_KEY) salted with :data:`_SALT`."""
    # Sanitised HTML and its text never hold NUL; sorted keys: PostgreSQL's jsonb reorders.
    embeds = json.dumps(embeds, sort_keys=True) if embeds else "{}"
    message = "\x00".join((VERSION, key, nonce, html, text, embeds)).encode()
    secret = settings.SECRET_KEY if secret is None else secret
    return hmac.new(_hmac_key(secret), message, hashlib.sha256).hexdigest()


def _valid_entry(key, entry):
    """``entry`` when it is well formed and sealed for ``key`` by this site's SECRET_KEY
    (or one of its SECRET_KEY_FALLBACKS), else None."""
    if not isinstance(entry, Mapping):
        return None
    nonce, html, text = entry.get("nonce"), entry.get("html"), entry.get("text")
    embeds, mac = entry.get("embeds"), entry.get("mac")
    if not (
        isinstance(nonce, str)
        and isinstance(html, str)
        and isinstance(text, str)
        and isinstance(embeds, dict)
        and isinstance(mac, str)
    ):
        return None
    if hmac.compare_digest(mac, _seal(key, nonce, html, text, embeds)):
        return entry
    # Sealed before a key rotation (Django's SECRET_KEY_FALLBACKS)?
    for secret in getattr(settings, "SECRET_KEY_FALLBACKS", ()):
        if hmac.compare_digest(mac, _seal(key, nonce, html, text, embeds, secret)):
            return entry
    return None


def _placeholder_rules(nonce, embeds):
    """Rewriter rules writing placeholders; ``embeds`` collects the embeds' attributes by
    number."""
    prefix = f"https://{nonce}.invalid/"

    def link(kind):
        def rule(attrs_list):
            tags = []
            for attrs in attrs_list:
                target = str(attrs.get("id", ""))
                if kind == "p" and not target.isdigit():
                    tags.append("<a>")  # never a page: the link is unwrapped, always
                else:
                    number = target if target.isdigit() else "0"
                    tags.append(f'<a href="{prefix}{kind if target.isdigit() else "x"}{number}_">')
            return tags

        return rule

    def image(attrs_list):
        tags = []
        for attrs in attrs_list:
            number = len(embeds)
            embeds[str(number)] = {
                name: str(attrs[name]) for name in ("id", "format", "alt") if name in attrs
            }
            tags.append(f"{prefix}e{number}_")
        return tags

    def other_link(attrs_list):
        return [f'<a href="{prefix}x0_">'] * len(attrs_list)

    def other_embed(attrs_list):
        return [f"{prefix}x0_"] * len(attrs_list)

    link_rules = dict.fromkeys(features.get_link_types(), other_link)
    link_rules.update(page=link("p"), document=link("d"))
    embed_rules = dict.fromkeys(features.get_embed_types(), other_embed)
    embed_rules["image"] = image
    return link_rules, embed_rules


def _drop_embed(match):
    # An embed is an <img>, which has no text.
    return "" if match.group(2) == "e" else match.group(0)


def _check_rules():
    """Rewriter rules expanding links and embeds to fixed targets, for the render check."""

    def link(kind):
        def rule(attrs_list):
            return [
                f'<a href="{_check_url(kind, attrs.get("id"))}">'
                if str(attrs.get("id", "")).isdigit()
                else "<a>"
                for attrs in attrs_list
            ]

        return rule

    def image(attrs_list):
        return [_check_image(attrs) for attrs in attrs_list]

    def other_link(attrs_list):
        return ["<a>"] * len(attrs_list)

    def other_embed(attrs_list):
        return [""] * len(attrs_list)

    # Other types get no entry (their placeholder fails): any fixed output will do.
    link_rules = dict.fromkeys(features.get_link_types(), other_link)
    embed_rules = dict.fromkeys(features.get_embed_types(), other_embed)
    link_rules.update(page=link("p"), document=link("d"))
    embed_rules["image"] = image
    return link_rules, embed_rules


def _check_url(kind, target):
    # Pages have absolute URLs, documents root-relative ones (made absolute on the way).
    return f"https://pages.invalid/{target}/" if kind == "p" else f"/documents/{target}/a.pdf"


def _check_image(attrs):
    alt = escape(attrs.get("alt", ""))
    return f'<img alt="{alt}" class="c" height="2" src="/media/{attrs.get("id")}.png" width="1">'


def _check_resolver(page_ids, document_ids, embeds):
    return (
        {target: _check_url("p", target) for target in page_ids},
        {target: _check_url("d", target) for target in document_ids},
        [_check_image(attrs) for attrs in embeds],
    )


def prepare_rich_text(sources: Sequence[str], previous: Mapping | None = None) -> dict:
    """Return ``prepared_rich_text`` for the rich text values ``sources`` (Wagtail's
    database format): ``{value_key: entry}``, an entry being ``{"nonce", "html", "text",
    "embeds", "mac"}``. Valid entries of ``previous`` are reused; other values are
    sanitised here in one batch, with placeholders for the URLs of page links, document
    links, images and root-relative links. A value whose placeholders would not expand
    to the bytes the full renderer gives (checked here against fixed targets) gets no
    entry and is rendered in full on each request. No database query.
    """
    previous = previous if isinstance(previous, Mapping) else {}
    prepared, pending = {}, {}
    for source in sources:
        key = value_key(source)
        if key in prepared or key in pending:
            continue
        entry = _valid_entry(key, previous.get(key))
        if entry is not None:
            prepared[key] = entry
        else:
            pending[key] = source or ""
    if not pending:
        return prepared
    nonce = secrets.token_hex(10)
    embeds = {}
    link_rules, embed_rules = _placeholder_rules(nonce, embeds)
    htmls = render_with_rewriter(
        list(pending.values()),
        f"https://{nonce}.invalid/b",
        rich_text_rewriter(link_rules, embed_rules),
    )
    expected = render_with_rewriter(
        list(pending.values()), _CHECK_BASE, rich_text_rewriter(*_check_rules())
    )
    texts = rich_text_to_plain_text_many([_TOKEN.sub(_drop_embed, html) for html in htmls])
    expected_texts = rich_text_to_plain_text_many(expected)
    for key, html, text, check_html, check_text in zip(
        pending, htmls, texts, expected, expected_texts, strict=True
    ):
        own = {
            number: embeds[number]
            for nonce_found, kind, number in _TOKEN.findall(html)
            if kind == "e" and nonce_found == nonce
        }
        entry = {"nonce": nonce, "html": html, "text": text, "embeds": own}
        expanded = _expand([entry], _CHECK_BASE, _check_resolver)[0]
        if expanded != check_html or text != check_text:
            continue
        entry["mac"] = _seal(key, nonce, html, text, own)
        prepared[key] = entry
    return prepared


def _database_resolver(page_ids, document_ids, embeds):
    """URLs of public pages and of documents by id (``str``), and the ``<img>`` of each
    embed: one query per kind that occurs."""
    page_urls, document_urls, images = {}, {}, []
    if page_ids:
        pages = PublicPageLinkHandler.get_many([{"id": target} for target in page_ids])
        page_urls = {str(page.id): page.get_full_url() for page in pages if page is not None}
    if document_ids:
        documents = DocumentLinkHandler.get_many([{"id": target} for target in document_ids])
        document_urls = {str(doc.id): doc.url for doc in documents if doc is not None}
    if embeds:
        images = RenditionImageEmbedHandler.expand_db_attributes_many(embeds)
    return page_urls, document_urls, images


def _url_in_html(url, base_url):
    """``url`` as the sanitiser writes it in an ``href``, or None when it would change it
    (escaping, a refused scheme): the slow way then gives the exact bytes."""
    if not url:
        return None
    if base_url and url.startswith("/") and not url.startswith("//"):
        url = base_url + url
    return url if _PLAIN_URL.fullmatch(url) else None


def _expand(entries, base_url, resolver):
    """The front-end HTML of each entry (None where the full renderer must run)."""
    page_ids, document_ids, embeds, embed_places = set(), set(), [], {}
    for index, entry in enumerate(entries):
        for nonce, kind, number in _TOKEN.findall(entry["html"]):
            if nonce != entry["nonce"]:
                continue
            if kind == "p":
                page_ids.add(number)
            elif kind == "d":
                document_ids.add(number)
            elif kind == "e" and (index, number) not in embed_places:
                attrs = entry["embeds"].get(number)
                if not isinstance(attrs, dict):
                    continue
                embed_places[index, number] = len(embeds)
                embeds.append(attrs)
    page_urls, document_urls, images = resolver(page_ids, document_ids, embeds)
    embed_html = [clean_fragment(tag, base_url) for tag in images]
    results = []
    for index, entry in enumerate(entries):
        nonce, failed = entry["nonce"], False

        def replace(match, index=index, nonce=nonce):
            nonlocal failed
            found, kind, number = match.groups()
            if found != nonce:
                return match.group(0)  # text that looks like a placeholder: the editor's
            if kind is None:
                return base_url
            if kind == "e" and (index, number) in embed_places:
                return embed_html[embed_places[index, number]]
            urls = page_urls if kind == "p" else document_urls if kind == "d" else {}
            url = _url_in_html(urls.get(number), base_url)
            if url is None:
                failed = True
                return ""
            return url

        html = _TOKEN.sub(replace, entry["html"])
        results.append(None if failed else html)
    return results


def render_prepared_many(
    values: Sequence[tuple[str, Mapping | None]], base_url: str = ""
) -> list[tuple[str, str]]:
    """Front-end HTML and plain text of rich text values, as
    :func:`~badgecms.home.richtext.render_rich_text_many` and
    :func:`~badgecms.home.richtext.rich_text_to_plain_text_many` give them, byte for byte.

    ``values``: ``(source, prepared_rich_text)`` pairs, ``source`` in Wagtail's database
    format, ``prepared_rich_text`` the mapping :func:`prepare_rich_text` returned (or
    anything else: ignored). Returns ``(html, text)`` per value, in order. A valid entry
    costs no parsing: its placeholders are filled with one query per kind of target
    (public pages, documents, images). A value without a valid entry, or whose link no
    longer has a public target, is rendered in full, all such values in one batch.
    """
    entries, places, slow = [], [], []
    for index, (source, prepared) in enumerate(values):
        key = value_key(source)
        entry = _valid_entry(key, prepared.get(key)) if isinstance(prepared, Mapping) else None
        if entry is None:
            slow.append(index)
        else:
            entries.append(entry)
            places.append(index)
    results = [None] * len(values)
    for index, entry, html in zip(
        places, entries, _expand(entries, base_url, _database_resolver), strict=True
    ):
        if html is None:
            slow.append(index)
        else:
            results[index] = (html, entry["text"])
    if slow:
        slow.sort()
        htmls = render_rich_text_many([values[index][0] for index in slow], base_url)
        for index, html, text in zip(slow, htmls, rich_text_to_plain_text_many(htmls), strict=True):
            results[index] = (html, text)
    return results
