"""Reads what a visitor sees on a landing page's HTML: FAQ questions and answers of the
accordion, certification link buttons, and the questions of the schema.org JSON-LD."""

import json

from bs4 import BeautifulSoup


def read_landing_page(html):
    """Return ``{"title", "questions", "answers", "links", "structured_data_questions"}``
    from a rendered landing page (answers as inner HTML, links as button texts)."""
    soup = BeautifulSoup(html, "html.parser")
    json_ld = soup.find("script", type="application/ld+json")
    structured = json.loads(json_ld.string) if json_ld else {"mainEntity": []}
    return {
        "title": soup.h1.get_text(strip=True) if soup.h1 else None,
        "questions": [h.get_text(strip=True) for h in soup.select("details.faq-item h3")],
        "answers": [div.decode_contents() for div in soup.select("details.faq-item .faq-answer")],
        "links": [a.get_text(strip=True) for a in soup.select(".certification-links a.button")],
        "structured_data_questions": [q["name"] for q in structured["mainEntity"]],
    }
