"""Test helper: find markup a browser would execute in an HTML page, an HTML fragment or
the strings of a JSON document. Used by the stored-XSS and security header tests."""

import json

from bs4 import BeautifulSoup

from badgecms.home.validators import RICH_TEXT_LINK_SCHEMES, url_scheme

#: Elements that run script, load active content or restyle the page.
ACTIVE_ELEMENTS = {
    "script", "style", "svg", "math", "iframe", "frame", "frameset", "object", "embed",
    "applet", "base", "form", "link", "meta", "noscript", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


def executable_markup(html, page=False):
    """Return a list of descriptions of executable markup in ``html`` (empty: inert).

    Flags active elements, event-handler (``on*``), ``style`` and ``srcdoc`` attributes,
    and URL attributes whose scheme (read as a browser reads it) is not http, https or
    mailto. With ``page=True`` the document's own head is allowed: same-origin
    stylesheets and scripts, ``<meta>`` without ``http-equiv``, and JSON-LD scripts.
    """
    findings = []
    if "<" not in html:
        return findings
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        name = element.name.lower()
        if name in ACTIVE_ELEMENTS and not (page and _allowed_in_page(element)):
            findings.append(f"<{name}> element")
        for attribute, value in element.attrs.items():
            attribute = attribute.lower()
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on") or attribute in ("style", "srcdoc"):
                findings.append(f"{attribute}= on <{name}>")
            elif attribute in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme and scheme not in RICH_TEXT_LINK_SCHEMES:
                    findings.append(f"{scheme}: URL in {attribute}= on <{name}>")
    return findings


def _allowed_in_page(element):
    name = element.name.lower()
    if name == "script":
        if element.get("type") == "application/ld+json":
            json.loads(element.string or "null")  # must be data, not script
            return True
        return bool(element.get("src", "").startswith("/")) and not element.string
    if name == "link":
        href = element.get("href", "")
        if element.get("rel") == ["canonical"]:
            return url_scheme(href) in ("http", "https")
        return href.startswith("/") and not href.startswith("//")
    if name == "meta":
        return "http-equiv" not in element.attrs
    return False


#: JSON keys whose values are HTML fragments in the content API (the rest is plain text).
HTML_KEYS = ("intro", "answer")


def json_html_values(value):
    """Yield the HTML fragments of a parsed API document: ``intro``, FAQ ``answer`` and
    schema.org ``Answer.text``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and (
                key in HTML_KEYS or (key == "text" and value.get("@type") == "Answer")
            ):
                yield item
            else:
                yield from json_html_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_html_values(item)


def executable_markup_in_json(body):
    """Findings of :func:`executable_markup` in every HTML value of the JSON ``body``
    (bytes or str), plus any raw ``<`` in the body: plain-text values may hold ``<``
    (a question about ``<script>`` is text), but the API writes it as ``\\u003c``."""
    text = body.decode() if isinstance(body, bytes) else body
    findings = ["raw < in the JSON body"] if "<" in text else []
    for html in json_html_values(json.loads(text)):
        findings.extend(executable_markup(html))
    return findings
