"""Front-end rendering of Wagtail rich text: the one function that turns stored rich text
into the HTML that visitors and API clients see.

How it works: docs/architecture.md, section ``badgecms.home.richtext``.
"""

import re
from collections.abc import Sequence
from datetime import datetime
from html import unescape

import nh3
from bs4 import BeautifulSoup
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_format, get_image_formats
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Page
from wagtail.rich_text import LinkHandler, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from badgecms.home.prepared_queries import prepared_query
from badgecms.home.renditions import rendition_or_original
from badgecms.home.validators import RICH_TEXT_LINK_SCHEMES
from badgecms.home.visibility import public_q

# Separates the values of one batch; NUL cannot occur in stored text on PostgreSQL and is
# stripped from values before joining on SQLite; sanitised HTML never holds it.
_SEPARATOR = "\x00"

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4",
    "img", "figure", "figcaption", "div", "blockquote", "code", "hr",
}  # fmt: skip
# No <iframe>: no rich text field has the "embed" feature, so an iframe can only come from
# a crafted fixture or revision (case C13). Add it back with the feature, if ever.
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "class"},
    "div": {"class"},
}


def _public_pages(count):
    """The prepared query of the public pages among ``count`` page ids (then ``now``)."""

    def build(*values):
        *ids, now = values
        return Page.objects.filter(id__in=ids).filter(public_q(now)).defer_streamfields()

    return prepared_query(("public-pages", count), build, (int,) * count + (datetime,))


class PublicPageLinkHandler(LinkHandler):
    """Expands ``<a linktype="page" id="…">`` to an absolute URL of a live, public page.

    A link to a page that is not live, has expired, sits under a view restriction or no
    longer exists becomes ``<a>`` without ``href``, which the renderer then unwraps.
    """

    identifier = "page"

    @staticmethod
    def get_model():
        return Page

    @classmethod
    def get_many(cls, attrs_list):
        ids = {str(attrs.get("id")) for attrs in attrs_list}
        ids = sorted(int(page_id) for page_id in ids if page_id.isascii() and page_id.isdigit())
        # An id beyond 64 bits is no page (and would overflow the database driver).
        ids = [page_id for page_id in ids if page_id < 2**63]
        pages = _public_pages(len(ids)).run(*ids, timezone.now()) if ids else []
        pages_by_id = {str(page.id): page for page in pages}
        return [pages_by_id.get(str(attrs.get("id"))) for attrs in attrs_list]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        urls = {}  # one URL per page: a page linked from every answer costs one lookup
        tags = []
        for page in cls.get_many(attrs_list):
            if page is not None and page.id not in urls:
                urls[page.id] = page.get_full_url()
            url = urls[page.id] if page is not None else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags


def _image_format(name):
    """The Wagtail image format called ``name``, else the first one (``fullwidth``)."""
    try:
        return get_image_format(name)
    except KeyError:
        return get_image_formats()[0]


class RenditionImageEmbedHandler(ImageEmbedHandler):
    """Expands ``<embed embedtype="image" id="…" format="…" alt="…">`` to the image
    format's ``<img>`` (rendition URL, width, height, alt), as Wagtail does, but loads
    the images of a whole batch with their renditions in one go (two queries) instead of
    looking renditions up image by image. An unknown format falls back to the first."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = {str(attrs.get("id")) for attrs in attrs_list}
        specs = {_image_format(attrs.get("format")).filter_spec for attrs in attrs_list}
        images = get_image_model().objects.filter(
            id__in=[int(image_id) for image_id in ids if image_id.isdigit()]
        )
        images_by_id = {str(image.id): image for image in images.prefetch_renditions(*specs)}
        return [images_by_id.get(str(attrs.get("id"))) for attrs in attrs_list]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for attrs, image in zip(attrs_list, cls.get_many(attrs_list), strict=True):
            if image is None:
                tags.append('<img alt="">')
            else:
                tags.append(_image_html(_image_format(attrs.get("format")), image, attrs))
        return tags


def _image_html(image_format, image, attrs):
    """The format's ``<img>`` of ``image``; the original image's when the rendition
    cannot be made (:func:`~badgecms.home.renditions.rendition_or_original`)."""
    alt = attrs.get("alt", "")
    try:
        return image_format.image_to_html(image, alt)
    except OSError:
        # Wagtail's Format.image_to_html, with the rendition that falls back.
        attributes = {"alt": escape(alt)}
        if image_format.classname:
            attributes["class"] = escape(image_format.classname)
        return rendition_or_original(image, image_format.filter_spec).img_tag(attributes)


class _OnePassMixin:
    """Wagtail's ``TagRewriter.__call__`` with the result assembled in one pass: Wagtail
    re-slices the whole string for each tag, quadratic in the number of tags of a batch
    (a page of 1000 answers with a link each)."""

    def __call__(self, html: str) -> str:
        matches = []
        for tag_type, tag_matches in self.extract_tags(html).items():
            replacements = self.get_tag_replacements(tag_type, [m.attrs for m in tag_matches])
            for match, replacement in zip(tag_matches, replacements or (), strict=False):
                match.replacement = replacement
                matches.append(match)
        matches.sort(key=lambda match: match.start)
        parts, position = [], 0
        for match in matches:
            parts += (html[position : match.start], match.replacement)
            position = match.end
        parts.append(html[position:])
        return "".join(parts)


class _OnePassLinkRewriter(_OnePassMixin, LinkRewriter):
    pass


class _OnePassEmbedRewriter(_OnePassMixin, EmbedRewriter):
    pass


def rich_text_rewriter(link_rules=None, embed_rules=None):
    """Wagtail's rewriter of links and embeds with this module's page and image handlers;
    ``link_rules``/``embed_rules`` (type -> bulk rule) replace the rules of those types."""
    link_types = dict(features.get_link_types())
    link_types["page"] = PublicPageLinkHandler
    embed_types = dict(features.get_embed_types())
    embed_types["image"] = RenditionImageEmbedHandler
    return MultiRuleRewriter(
        [
            _OnePassLinkRewriter(
                bulk_rules={
                    **{name: h.expand_db_attributes_many for name, h in link_types.items()},
                    **(link_rules or {}),
                }
            ),
            _OnePassEmbedRewriter(
                bulk_rules={
                    **{name: h.expand_db_attributes_many for name, h in embed_types.items()},
                    **(embed_rules or {}),
                }
            ),
        ]
    )


def _absolute(base_url):
    def attribute_filter(element, attribute, value):
        if attribute in ("href", "src") and value.startswith("/") and not value.startswith("//"):
            return base_url + value
        return value

    return attribute_filter


def _clean(html, base_url):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(RICH_TEXT_LINK_SCHEMES),
        link_rel=None,
        attribute_filter=_absolute(base_url) if base_url else None,
    )


def _unwrap_links_without_target(parts):
    """Unwrap every ``<a>`` left without ``href`` in the sanitised ``parts`` (in place).

    The parts that hold one are parsed together in one BeautifulSoup pass, joined by NUL:
    the sanitiser's output is balanced markup and never holds NUL (HTML parsing turns it
    into U+FFFD), so the split gives back each part as parsing it alone would.
    """
    indexes = [index for index, part in enumerate(parts) if "<a>" in part]
    if not indexes:
        return parts
    # Every part follows a NUL, the first too: html.parser shortens a whitespace-only
    # string at the very start of a document, which would make a value's bytes depend on
    # its place in the batch.
    soup = BeautifulSoup("".join(_SEPARATOR + parts[index] for index in indexes), "html.parser")
    for anchor in soup.find_all("a"):
        if not anchor.get("href"):
            anchor.unwrap()
    for index, part in zip(indexes, str(soup).split(_SEPARATOR)[1:], strict=True):
        parts[index] = part
    return parts


def sanitise_html(html, base_url=""):
    """Return ``html`` reduced to the allow-list, with root-relative URLs made absolute.

    Links (``href``) keep only ``http``, ``https`` and ``mailto`` schemes; an ``<a>`` left
    without a target is unwrapped to its text. ``base_url`` is a scheme and host such as
    ``"https://example.org"`` (no trailing slash) or ``""`` to keep URLs relative.
    """
    return _unwrap_links_without_target([_clean(html, base_url)])[0]


def render_rich_text_many(sources: Sequence[str], base_url: str = "") -> list[str]:
    """Render stored rich text values (Wagtail's database format) to front-end HTML.

    Takes a sequence of source strings and returns a list of HTML strings in the same
    order. All internal links and embedded images of the whole batch are resolved with
    one query per link or embed type, in one rewriting pass over the joined values.
    ``base_url`` (``"https://host"``) makes image and document URLs absolute; page links
    are always absolute. Each value is sanitised on its own (a value's unclosed markup
    must not reach the next one); unwrapping links to unpublished pages is one pass.
    """
    return render_with_rewriter(sources, base_url, rich_text_rewriter())


def render_with_rewriter(sources, base_url, rewriter):
    """:func:`render_rich_text_many` with links and embeds expanded by ``rewriter`` (a
    callable taking and returning a string, as :func:`rich_text_rewriter` builds)."""
    if not sources:
        return []
    joined = _SEPARATOR.join((source or "").replace(_SEPARATOR, "") for source in sources)
    expanded = rewriter(joined) if joined else joined
    return _unwrap_links_without_target(
        [_clean(part, base_url) for part in expanded.split(_SEPARATOR)]
    )


def clean_fragment(html, base_url=""):
    """``html`` reduced to the allow-list by the sanitiser alone (no link unwrapping), with
    root-relative URLs made absolute against ``base_url``."""
    return _clean(html, base_url)


def render_rich_text(source: str, base_url: str = "") -> str:
    """Render one stored rich text value to front-end HTML; see :func:`render_rich_text_many`."""
    return render_rich_text_many([source], base_url)[0]


#: Elements whose text stands apart from the text around them.
_BLOCK_TAGS = frozenset(
    ["p", "br", "li", "ul", "ol", "h2", "h3", "h4", "div", "figure", "figcaption",
     "blockquote", "hr"]
)  # fmt: skip
_VOID_TAGS = frozenset(["br", "hr", "img"])
#: A start or end tag of serialised HTML (attribute values in double or single quotes).
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*"
    r"\s*/?>"
)


def _tag_to_text(match):
    closing, name = match.group(1), match.group(2).lower()
    if name in _BLOCK_TAGS and (closing or name in _VOID_TAGS):
        return " "  # the end of a block element (or a void one) separates words
    return ""


def rich_text_to_plain_text_many(html_values: Sequence[str]) -> list[str]:
    """Return the text of each front-end HTML value (as :func:`render_rich_text_many`
    returns them) with block elements separated by one space and runs of whitespace
    collapsed; inline elements (links, bold) join the words around them unchanged.

    One pass over all values: their tags are removed by one regular expression (the
    values are serialised, balanced markup) and character references decoded.
    """
    if not html_values:
        return []
    text = _TAG.sub(_tag_to_text, _SEPARATOR.join(html_values))
    return [" ".join(unescape(part).split()) for part in text.split(_SEPARATOR)]


def rich_text_to_plain_text(html: str) -> str:
    """The plain text of one front-end HTML value; see :func:`rich_text_to_plain_text_many`."""
    return rich_text_to_plain_text_many([html])[0]
