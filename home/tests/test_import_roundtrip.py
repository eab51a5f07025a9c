"""Property tests (Hypothesis) of the importer's shapes and formats: a generated FAQ,
written in each shape the finder understands (Markdown headings with and without ``Q:``,
``Q:``/``A:`` lines, numbered labels and lists, bold questions; plain text with a
question per line or paragraph; HTML headings,
``<details>``, ``<dl>``, accordions, schema.org FAQPage JSON-LD and microdata), imports
back to the same questions and answers, in Latin, Spanish and Japanese script alike."""

import html
import json

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from badgecms.home.importing.importer import parse_landing_page

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúñüçÁÉÑバッジ証明書"
words = st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=1, max_size=8).map(" ".join)
questions = st.one_of(
    words.map(lambda text: f"{text}?"),
    words.map(lambda text: f"{text}？"),
    words.map(lambda text: f"¿{text}?"),
)
answers = words.map(lambda text: f"{text}.")
faqs = st.lists(st.tuples(questions, answers), min_size=1, max_size=6, unique_by=lambda x: x[0])


def markdown_headings(items):
    return "## FAQs\n\n" + "".join(f"### {q}\n\n{a}\n\n" for q, a in items)


def markdown_template(items):
    return "## FAQs\n\n" + "".join(f"### Q: {q}\n\nA: {a}\n\n" for q, a in items)


def markdown_pairs(items):
    return "FAQs\n\n" + "".join(f"Q: {q}\nA: {a}\n\n" for q, a in items)


def plain_lines(items):
    """Pasted plain text: each question on its line, its answer on the next."""
    return "Frequently asked questions\n\n" + "".join(f"{q}\n{a}\n\n" for q, a in items)


def plain_paragraphs(items):
    return "".join(f"{q}\n\n{a}\n\n" for q, a in items)


def markdown_numbered(items):
    return "# FAQs\n\n" + "".join(
        f"Q{number}. {q}\n\n{a}\n\n" for number, (q, a) in enumerate(items, 1)
    )


def markdown_listed(items):
    return "## FAQs\n\n" + "".join(
        f"{number}. {q}\n\n{a}\n\n" for number, (q, a) in enumerate(items, 1)
    )


def markdown_bold(items):
    return "## FAQs\n\n" + "".join(f"**{q}**\n\n{a}\n\n" for q, a in items)


def html_headings(items):
    body = "".join(f"<h3>{html.escape(q)}</h3>\n<p>{html.escape(a)}</p>\n" for q, a in items)
    return (
        "<!doctype html><html><head><title>FAQ</title></head><body>"
        f"<nav><h1>Menu</h1></nav><main><h2>FAQs</h2>\n{body}</main>"
        "<footer><h2>Follow us?</h2></footer></body></html>"
    )


def html_details(items):
    return "<h2>FAQs</h2>\n" + "".join(
        f"<details>\n<summary>{html.escape(q)}</summary>\n<p>{html.escape(a)}</p>\n</details>\n"
        for q, a in items
    )


def html_definitions(items):
    entries = "".join(
        f"<dt>{html.escape(q)}</dt>\n<dd><p>{html.escape(a)}</p></dd>\n" for q, a in items
    )
    return f"<h2>FAQs</h2>\n<dl>\n{entries}</dl>\n"


def html_accordion(items):
    panels = "".join(
        f'<div class="accordion-item"><h3><button aria-controls="p{number}" '
        f'aria-expanded="false">{html.escape(q)}</button></h3>\n'
        f'<div id="p{number}" hidden><p>{html.escape(a)}</p></div></div>\n'
        for number, (q, a) in enumerate(items)
    )
    return f'<h2>FAQs</h2>\n<div class="accordion">\n{panels}</div>\n'


def html_json_ld(items):
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
            for q, a in items
        ],
    }
    return (
        '<!doctype html><html><head><script type="application/ld+json">'
        f"{json.dumps(data, ensure_ascii=False)}</script></head>"
        "<body><h1>Help</h1><p>Nothing else here.</p></body></html>"
    )


def html_microdata(items):
    entries = "".join(
        '<div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">'
        f'<span itemprop="name">{html.escape(q)}</span><div itemscope itemprop="acceptedAnswer" '
        'itemtype="https://schema.org/Answer"><div itemprop="text">'
        f"<p>{html.escape(a)}</p></div></div></div>\n"
        for q, a in items
    )
    return (
        "<!doctype html><html><body><nav><h2>Menu?</h2></nav>"
        f'<div itemscope itemtype="https://schema.org/FAQPage">\n{entries}</div></body></html>'
    )


SHAPES = [
    markdown_headings,
    markdown_template,
    markdown_pairs,
    plain_lines,
    plain_paragraphs,
    markdown_numbered,
    markdown_listed,
    markdown_bold,
    html_headings,
    html_details,
    html_definitions,
    html_accordion,
    html_json_ld,
    html_microdata,
]


def plain(rich_text):
    return " ".join(BeautifulSoup(rich_text, "html.parser").get_text(" ").split())


@pytest.mark.parametrize("shape", SHAPES, ids=[shape.__name__ for shape in SHAPES])
@settings(max_examples=25, deadline=None)
@given(items=faqs)
def test_generated_faq_imports_back_to_the_same_questions_and_answers(shape, items):
    document = parse_landing_page(shape(items))
    assert [(item.question, plain(item.answer)) for item in document.faqs] == items
    assert document.problems == []
