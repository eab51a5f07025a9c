"""URL scheme validation shared by every write path (admin form, model clean, importer,
fixtures) and by the rich-text renderer: certification links (:func:`validate_http_url`)
and the links inside rich text (:func:`validate_rich_text_links`).

How it works: docs/architecture.md, section ``badgecms.home.validators``.
"""

import html
import string
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

#: Schemes a certification link may use.
LINK_SCHEMES = ("http", "https")
#: Schemes a link inside rich text (intro, answers) may use.
RICH_TEXT_LINK_SCHEMES = ("http", "https", "mailto")

#: What the rich text input hands on for a value that is not the editor's JSON (raw HTML
#: posted around the editor); :func:`validate_rich_text_links` refuses it.
NOT_EDITOR_INPUT = '<p data-badgecms-input="not-editor-format"></p>'

# Characters an absolute URL may not hold (RFC 3986: not allowed unencoded), plus the
# single quote, which breaks out of HTML attributes: refused, never silently encoded.
_REFUSED_URL_CHARACTERS = set(" \t\n\r\"'<>`{}|\\^")

_IGNORED_BY_BROWSERS = {chr(code) for code in range(0x21)} | {"\x7f", "\u00a0", "\ufeff"}
_SCHEME_CHARACTERS = set(string.ascii_lowercase + string.digits + "+-.")


def url_scheme(url):
    """Return the scheme a browser would read from ``url``, lower-cased, or ``""``.

    HTML character references are decoded (repeatedly, so ``&amp;#106;`` counts) and
    whitespace and control characters are dropped before the scheme is read.
    """
    decoded = url or ""
    for _ in range(3):
        unescaped = html.unescape(decoded)
        if unescaped == decoded:
            break
        decoded = unescaped
    cleaned = "".join(char for char in decoded if char not in _IGNORED_BY_BROWSERS).lower()
    scheme, separator, _ = cleaned.partition(":")
    if not separator or not scheme or not set(scheme) <= _SCHEME_CHARACTERS:
        return ""
    return scheme


def refuse_scheme(scheme, allowed, message):
    """Raise :class:`~django.core.exceptions.ValidationError` (code ``url_scheme``,
    ``message`` formatted with ``%(scheme)s``) when ``scheme`` is set and not in
    ``allowed``; a link without a scheme (``""``) passes."""
    if scheme and scheme not in allowed:
        raise ValidationError(message, code="url_scheme", params={"scheme": scheme})


def validate_http_url(value):
    """Accept only absolute ``http://`` and ``https://`` URLs (RFC 3986).

    Raises :class:`~django.core.exceptions.ValidationError` with code ``url_scheme``
    naming the refused scheme (``javascript:``, ``data:``, ``vbscript:``, ... in any
    case, spacing or entity-encoded form), code ``invalid_character`` naming spaces,
    quotes, angle brackets and other characters a URL cannot hold, or code ``invalid``
    for anything else that is not a well-formed web address.
    """
    scheme = url_scheme(value)
    refuse_scheme(
        scheme,
        LINK_SCHEMES,
        "“%(scheme)s:” links are not allowed: enter a web address starting with "
        "http:// or https://.",
    )
    refused = sorted(set(value.strip()) & _REFUSED_URL_CHARACTERS)
    if refused:
        raise ValidationError(
            "A web address cannot contain %(characters)s: remove them or copy the address "
            "again from the browser's address bar.",
            code="invalid_character",
            params={"characters": " ".join(repr(character) for character in refused)},
        )
    if scheme not in LINK_SCHEMES or urlsplit(value.strip()).scheme.lower() not in LINK_SCHEMES:
        raise ValidationError(
            "Enter a full web address starting with http:// or https://.", code="invalid"
        )
    URLValidator(schemes=list(LINK_SCHEMES))(value.strip())


def validate_rich_text_links(value):
    """Accept rich text (Wagtail's database format) whose links all use ``http``,
    ``https`` or ``mailto``, or no scheme (internal page links, ``/paths``).

    Wagtail's editor already drops ``javascript:`` and similar links; this also refuses
    the schemes it keeps (``ftp:``, ``tel:``) and entity-encoded schemes posted around
    the editor. Raises :class:`~django.core.exceptions.ValidationError` with code
    ``url_scheme`` naming the first refused scheme, or ``rich_text_format`` for
    :data:`NOT_EDITOR_INPUT` (a value that did not come from the editor).
    """
    if value and NOT_EDITOR_INPUT in str(value):
        raise ValidationError(
            "This text was not sent in the rich text editor's format: reload the page and "
            "enter it again in the editor.",
            code="rich_text_format",
        )
    if not value or "href" not in value:
        return
    for anchor in BeautifulSoup(str(value), "html.parser").find_all("a", href=True):
        refuse_scheme(
            url_scheme(anchor["href"]),
            RICH_TEXT_LINK_SCHEMES,
            "“%(scheme)s:” links are not allowed: link to a web address (http:// or "
            "https://) or an e-mail address (mailto:).",
        )
