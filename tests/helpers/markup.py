"""Markup for tests: stored rich text to build pages with (internal links, embedded
images), a reader of what a visitor sees on a landing page, and a checker that finds
markup a browser would execute in an HTML page, an HTML fragment or a JSON document."""

import json

from bs4 import BeautifulSoup

from badgecms.home.validators import RICH_TEXT_LINK_SCHEMES, url_scheme


def internal_link(page, text):
    """Stored rich text (Wagtail's database format) of a link to ``page``."""
    return f'<a linktype="page" id="{page.id}">{text}</a>'


def embedded_image(image, alt="Badge", image_format="fullwidth"):
    """Stored rich text of an embedded image."""
    return f'<embed embedtype="image" id="{image.id}" format="{image_format}" alt="{alt}"/>'


def read_landing_page(html):
    """Return ``{"title", "questions", "answers", "links", "link_urls",
    "structured_data_questions"}`` from a rendered landing page (answers as inner HTML,
    links as button texts, link_urls as their ``href``)."""
    soup = BeautifulSoup(html, "html.parser")
    json_ld = soup.find("script", type="application/ld+json")
    structured = json.loads(json_ld.string) if json_ld else {"mainEntity": []}
    return {
        "title": soup.h1.get_text(strip=True) if soup.h1 else None,
        "questions": [h.get_text(strip=True) for h in soup.select("details.faq-item h3")],
        "answers": [div.decode_contents() for div in soup.select("details.faq-item .faq-answer")],
        "links": [a.get_text(strip=True) for a in soup.select(".certification-links a.button")],
        "link_urls": [a["href"] for a in soup.select(".certification-links a.button")],
        "structured_data_questions": [q["name"] for q in structured["mainEntity"]],
    }


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
