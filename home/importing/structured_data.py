"""schema.org ``FAQPage`` data in a web page (JSON-LD or microdata), read with extruct.

When a saved page carries it, it is the page's FAQ as the organisation published it for
search engines, so the HTML reader takes the questions and answers from it rather than
from the markup (https://schema.org/FAQPage, https://schema.org/Question).
"""

import json

import extruct

from badgecms.home.importing.document import collapse


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(item):
    return {str(kind).rsplit("/", 1)[-1] for kind in _as_list(item.get("@type"))}


def _items(data):
    """Every dict of the extracted data, with the items of a JSON-LD ``@graph``."""
    for item in [*data.get("json-ld", []), *data.get("microdata", [])]:
        if isinstance(item, dict):
            yield item
            yield from (i for i in _as_list(item.get("@graph")) if isinstance(i, dict))


def _answer_text(question):
    answers = _as_list(question.get("acceptedAnswer")) or _as_list(question.get("suggestedAnswer"))
    answer = answers[0] if answers else ""
    text = answer.get("text", "") if isinstance(answer, dict) else answer
    return str(text[0] if isinstance(text, list) and text else text or "")


def faq_page_items(text):
    """Return the ``FAQPage`` questions of HTML ``text`` as ``(question, answer HTML,
    line)`` triples in document order, ``line`` being the first source line holding the
    question (1 when none does). Returns ``[]`` for a page without FAQPage data or with
    data that cannot be read (the markup is read instead)."""
    if "FAQPage" not in text:
        return []
    try:
        data = extruct.extract(text, syntaxes=["json-ld", "microdata"], uniform=True)
    except (ValueError, TypeError, json.JSONDecodeError):
        return []
    lines = text.split("\n")
    found = []
    for page in _items(data):
        if "FAQPage" not in _types(page):
            continue
        for question in _as_list(page.get("mainEntity")):
            if not isinstance(question, dict) or "Question" not in _types(question):
                continue
            name = collapse(str(question.get("name") or ""))
            if not name:
                continue
            answer = _answer_text(question)
            line = next((n for n, content in enumerate(lines, 1) if name in content), 1)
            found.append((name, answer if "<" in answer else f"<p>{answer}</p>", line))
    return found
