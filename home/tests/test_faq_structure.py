"""The FAQ-structure finder's rules on documents of the real-world kinds that the four
case documents do not show: category headings, accordions whose buttons do not end in
"?", headings that ask with nothing under them, pasted lines, front matter and comments."""

import pytest
from bs4 import BeautifulSoup

from badgecms.home.importing.importer import parse_landing_page


def found(text):
    document = parse_landing_page(text)
    items = [
        (item.line, item.question, BeautifulSoup(item.answer, "html.parser").get_text(" "))
        for item in document.faqs
    ]
    return document, items


def test_category_headings_are_not_the_faq_heading_and_do_not_end_the_faq():
    document, items = found(
        "# Badges FAQ\n\nIntro text.\n\n## Getting started\n\n### How do I claim?\n\n"
        "Open the email.\n\n## Sharing\n\n### Can I share it?\n\nYes.\n\n## Contact\n\n"
        "Write to us.\n"
    )
    assert (document.intro_heading, document.faq_heading) == ("Badges FAQ", "")
    assert items == [(7, "How do I claim?", "Open the email."), (13, "Can I share it?", "Yes.")]
    assert document.warnings == [
        "line 5: heading “Getting started” was skipped.",
        "line 11: heading “Sharing” was skipped.",
        "line 17: heading “Contact” was skipped.",
        "line 19: text outside the introduction and the FAQ was skipped.",
    ]


def test_accordion_buttons_are_questions_even_without_a_question_mark():
    document, items = found(
        '<!DOCTYPE html><html><body><header><nav><a href="/">Home</a></nav></header>\n'
        "<h1>Badge FAQ</h1>\n"
        '<h2><button aria-expanded="true" aria-controls="c1">How to claim your badge</button>'
        '</h2>\n<div id="c1" hidden><p>Open the email.</p></div>\n'
        '<h2><button aria-controls="c2">Is it free?</button></h2>\n'
        '<div id="c2" hidden><p>Yes.</p><p>Always.</p></div>\n'
        "<footer><p>© Example</p></footer></body></html>\n"
    )
    assert document.intro_heading == "Badge FAQ"
    assert items == [
        (3, "How to claim your badge", "Open the email."),
        (5, "Is it free?", "Yes. Always."),
    ]


def test_a_heading_that_asks_with_nothing_under_it_is_not_an_item():
    document, items = found(
        "## What is new?\n\n## FAQs\n\n### Who issues it?\n\nWe do.\n\n### Why?\n"
    )
    assert items == [(5, "Who issues it?", "We do.")]
    assert document.faq_heading == "FAQs"
    assert "line 9: heading “Why?” was skipped." in document.warnings


def test_pasted_lines_front_matter_comments_and_kramdown_attributes():
    document, items = found(
        "---\ntitle: Badges\n---\n<!-- draft -->\nOur badges, see [Badgr](https://badgr.com/"
        'public/issuers/abc/badges){:target="_blank"}.\n\nWhat is a badge?\nA credential '
        "you can share\non LinkedIn.\n\nHow do I get one?\nPass the exam.\n"
    )
    assert document.title == "Badges"
    assert [(link.text, link.url) for link in document.certification_links] == [
        ("Badgr", "https://badgr.com/public/issuers/abc/badges")
    ]
    assert items == [
        (7, "What is a badge?", "A credential you can share on LinkedIn."),
        (11, "How do I get one?", "Pass the exam."),
    ]
    assert "{:" not in document.intro and "draft" not in document.intro


def test_the_template_as_html_labelled_link_and_asking_intro_heading():
    """The customer's template saved as a web page: the intro heading asks, but it comes
    before the FAQ heading at the same level, so it is the intro heading, not an item."""
    document, items = found(
        "<h2>What is Digital Badging?</h2>\n<p>We issue badges.</p>\n"
        '<p>Example Cloud Certification Link: <a href="https://www.credly.com/organizations/'
        'example-cloud/badges">Credly certifications</a></p>\n<h2>FAQs</h2>\n'
        "<h3>Is it free?</h3>\n<p>Yes.</p>\n"
    )
    assert [(c.label, c.text, c.url, c.line) for c in document.certification_links] == [
        (
            "Example Cloud Certification Link",
            "Credly certifications",
            "https://www.credly.com/organizations/example-cloud/badges",
            3,
        )
    ]
    assert "Credly certifications" not in document.intro
    assert (document.intro_heading, document.faq_heading) == ("What is Digital Badging?", "FAQs")
    assert items == [(5, "Is it free?", "Yes.")]


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://www.credly.com/organizations/tencent-cloud-llc/badges", "Credly"),
        ("https://credly.com/org/acme", "Credly"),
        ("https://www.youracclaim.com/organizations/acme/badges", "Credly"),
        ("https://badgr.com/backpack/badges/607767abb78d4c65fc8f1676", "Badgr"),
        ("https://eu.badgr.com/public/issuers/HI5nEIsFQKiFDSGJWrYNxQ/badges", "Badgr"),
        ("https://badges.example.edu/public/issuers/abc", "Accredible"),
        ("https://www.credential.net/10000005", "Accredible"),
        ("https://www.accredible.com/issuers/acme", "Accredible"),
    ],
)
def test_certification_links_are_recognised_by_where_they_point(url, platform):
    document, _ = found(f"# Badges\n\nSee [our badges]({url}).\n")
    assert [(c.label, c.text, c.url) for c in document.certification_links] == [
        (f"{platform} badges", "our badges", url)
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://www.credly.com",
        "https://support.credly.com/hc/en-us",
        "https://info.credly.com",
        "https://badgr.com/",
        "https://badgecheck.io/",
        "https://www.imsglobal.org/activity/digital-badges",
    ],
)
def test_links_to_platform_home_or_support_pages_are_not_certification_links(url):
    document = parse_landing_page(
        f"# Badges\n\nSee [the platform]({url}).\n\n## FAQs\n\n### Why?\n\nBecause.\n"
    )
    assert document.certification_links == []
    assert url.rstrip("/") in document.intro


def test_a_glossary_list_inside_an_answer_does_not_outrank_the_question_headings():
    """Regression (adversarial review): a <dl> in one answer made its term the only FAQ
    item and dropped every question heading, with a successful import."""
    document, items = found(
        "<html><body><h1>Badge FAQ</h1><p>Intro.</p>\n"
        "<h2>FAQs</h2>\n"
        "<h3>What is a badge?</h3>\n<p>A credential.</p>\n"
        "<h3>Which levels are there?</h3>\n"
        "<dl><dt>Gold</dt><dd>The highest level.</dd></dl>\n"
        "<h3>Is it free?</h3>\n<p>Yes.</p>\n"
        "</body></html>\n"
    )
    assert [question for _, question, _ in items] == [
        "What is a badge?",
        "Which levels are there?",
        "Is it free?",
    ]
    assert "Gold" in items[1][2]
    assert "The highest level." in items[1][2]
