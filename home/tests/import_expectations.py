"""What each real-world document of ``tests/cases/import/`` must import to (cases I01–I04,
``EXPECTED.md`` there), as checks on a saved page; shared by the command's tests and the
admin import view's tests so that both paths are held to the same values."""

import json
from pathlib import Path

from badgecms.home.richtext import render_rich_text

IMPORT_CASES = Path(__file__).resolve().parents[2] / "tests" / "cases" / "import"
EXPECTED = json.loads((IMPORT_CASES / "expected.json").read_text(encoding="utf-8"))
DOCUMENTS = sorted(EXPECTED)


def paragraphs(html):
    return html.count("<p")


def check_page(name, page):
    """Assert that ``page`` (the latest revision as an object) holds what ``name`` must
    give; returns nothing, raises AssertionError with the first mismatch."""
    expected = EXPECTED[name]
    items = page.faq_sources()
    questions = [item["question"] for item in items]
    links = [(link.label, link.text, link.url) for link in page.certification_links.all()]
    assert len(items) == expected["faq_count"]
    if items:
        assert (questions[0], questions[-1]) == (expected["first"], expected["last"])
    assert [url for _, _, url in links] == expected["cert_urls"]
    answers = [render_rich_text(item["answer"]) for item in items]
    intro = render_rich_text(page.intro)
    for html in (intro, *answers):
        assert "<br" not in html and "<p></p>" not in html
    for question in questions:
        assert question == question.strip() and question
    CHECKS[name](page, questions, answers, intro, links)


def _tencent(page, questions, answers, intro, links):
    assert page.intro_heading == "What is Digital Badging?"  # none in the file: the default
    assert paragraphs(intro) == 2
    first, second = intro.split("</p>")[:2]
    assert first.startswith("<p>Roughly 14 days after you pass a Tencent Cloud certification exam")
    assert first.count("<a ") == 2
    assert second.startswith("<p>Note: Credly also lets you download a printable digital")
    assert links == [
        (
            "Credly badges",
            "Tencent Cloud certification digital badge",
            "https://www.credly.com/organizations/tencent-cloud-llc/badges",
        )
    ]
    assert page.faq_heading == "FAQs"
    assert answers[-1] == (
        '<p>Answers to common questions are available <a href="http://support.credly.com">'
        "here</a>.</p>"
    )


def _skillable(page, questions, answers, intro, links):
    assert page.intro_heading == "How does digital badging work?"
    assert paragraphs(intro) == 1
    assert intro.startswith("<p>Digital badges are awarded to recognise something you have")
    assert intro.endswith("in one click.</p>")
    assert links == []
    assert page.faq_heading == "Credly Platform FAQ"
    for not_an_item in (
        "Article contents",
        "Verification in one click",
        "Showing off your badge",
        "How to claim and share your badge",
        "How does digital badging work?",
    ):
        assert not_an_item not in questions
    for answer in answers:
        assert "Return to Article contents" not in answer
        assert "search terms" not in answer and "badge not received" not in answer
    assert answers[-1] == (
        "<p>You’ll find answers to common questions at "
        '<a href="https://support.credly.com/hc/en-us">Credly support.</a></p>'
    )


def _openbadges(page, questions, answers, intro, links):
    assert page.intro_heading == "Frequently Asked Questions"
    assert intro == ""
    assert links == []
    assert questions[18] == "In what Way is Evidence ussed for Badges?"
    assert questions[28].startswith(
        "Children’s Online Privacy Protection Act (COPPA): What if I’m an Issuer"
    )
    assert questions[10] == "What’s Meant by the OBI?"
    assert paragraphs(answers[10]) >= 5 and "<ul>" in answers[10]
    assert questions[12] == "What is Meant by a Badge Backpack?"
    assert answers[12].startswith("<p>Collecting and sharing Open Badges costs nothing.")
    for not_an_item in ("Open Badges", "Menu", "Navigation", "Open Badges Social Media"):
        assert not_an_item not in questions
    text = " ".join(answers)
    assert "[Get Started Earning Badges](/get-started/earning-badges/." in text
    assert "[participating issuers]" in text
    assert "Copyright" not in text and "Secondary Navigation" not in text
    # Relative links became plain text; absolute ones stay links.
    assert 'href="/' not in text
    assert '<a href="https://openbadgespec.org">Open Badges Specification</a>' in answers[4]


def _uvic(page, questions, answers, intro, links):
    assert page.intro_heading == "Insignias digitales y credenciales informales"
    assert paragraphs(intro) == 3
    starts = [part.removeprefix("<p>") for part in intro.split("</p>")[:3]]
    assert starts[0].startswith("El Digital Scholarship Commons (DSC) concede insignias")
    assert starts[1].startswith('Cada insignia electrónica del DSC lleva una <a href="https')
    assert starts[2].startswith("Entregamos las insignias cuando el participante las pide")
    assert links == [
        (
            "Badgr badges",
            "enlace a las metas de aprendizaje del taller",
            "https://badgr.com/backpack/badges/607767abb78d4c65fc8f1676",
        ),
        (
            "Badgr badges",
            "página en Badgr",
            "https://badgr.com/public/issuers/HI5nEIsFQKiFDSGJWrYNxQ/badges",
        ),
    ]
    assert "{:" not in intro and "_blank" not in intro and "SIGUIENTE PASO" not in intro
    assert questions == []


CHECKS = {
    "01_tencent-cloud-certification-faq.md": _tencent,
    "02_skillable-digital-badges-faq.md": _skillable,
    "05_openbadges-org-faq.html": _openbadges,
    "07_uvic-dsc-insignia-es.md": _uvic,
}
