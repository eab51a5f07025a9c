"""Real-world FAQ documents through ``manage.py import_landing_page`` (cases I01–I04 of
../shared/cases/import): each imports exactly as its ``EXPECTED.md`` section says, with
the summary, the warnings naming lines, and nothing of the page's chrome."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document
from PIL import Image

from badgecms.home.importing.importer import (
    decode_document,
    import_warnings,
    parse_landing_page,
    read_document,
)
from badgecms.home.models import BadgeLandingPage
from badgecms.home.tests.import_expectations import DOCUMENTS, EXPECTED, IMPORT_CASES, check_page

pytestmark = pytest.mark.django_db

SUMMARIES = {
    "01_tencent-cloud-certification-faq.md": "Found: 1 certification link and 13 FAQ items "
    "under “FAQs”.",
    "02_skillable-digital-badges-faq.md": "Found: the introduction “How does digital badging "
    "work?”, 0 certification links and 14 FAQ items under “Credly Platform FAQ”.",
    "05_openbadges-org-faq.html": "Found: the introduction “Frequently Asked Questions”, "
    "0 certification links and 35 FAQ items.",
    "07_uvic-dsc-insignia-es.md": "Found: the introduction “Insignias digitales y "
    "credenciales informales”, 2 certification links and 0 FAQ items.",
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_command_imports_the_document_as_expected(name, site):
    """Cases I01–I04, through the command."""
    out, err = StringIO(), StringIO()
    call_command(
        "import_landing_page", str(IMPORT_CASES / name), "--slug", "faq", stdout=out, stderr=err
    )
    faqs, links = EXPECTED[name]["faq_count"], len(EXPECTED[name]["cert_urls"])
    assert out.getvalue().splitlines() == [
        SUMMARIES[name],
        f"Imported {faqs} FAQ item{'s' * (faqs != 1)}, {links} certification "
        f"link{'s' * (links != 1)} into /faq/ (draft)",
    ]
    page = BadgeLandingPage.objects.get(slug="faq").get_latest_revision_as_object()
    check_page(name, page)
    document = parse_landing_page(read_document(IMPORT_CASES / name), name=name)
    assert err.getvalue().splitlines() == [
        f"Warning: {warning}" for warning in import_warnings(document)
    ]
    assert all(warning.startswith("line ") for warning in document.warnings)


def test_warnings_name_the_line_of_what_was_left_out():
    """Relative links and in-page anchors become text, images are left out, hidden and
    commented HTML is dropped; each a warning naming its line, never a failure."""
    spanish = parse_landing_page(read_document(IMPORT_CASES / "07_uvic-dsc-insignia-es.md"))
    assert spanish.warnings[:2] == [
        "line 7: an image was left out; add it in the admin.",
        'line 17: heading “Qué hacer para conseguir la insignia del taller "GenAI: NotebookLM '
        '- Herramienta personal para investigación y productividad"” was skipped.',
    ]
    assert "line 30: the link to 'additional-resources.md' became plain text." in (spanish.warnings)
    html = parse_landing_page(read_document(IMPORT_CASES / "05_openbadges-org-faq.html"))
    assert html.warnings[0] == "line 69: the link to '/get-started/' became plain text."
    assert (
        "line 116: the image “Diagram of the first Mozilla Open Badges Infrastructure (OBI) "
        "and the services linked to it” was left out."
    ) in html.warnings
    assert [item.line for item in html.faqs[:3]] == [68, 71, 75]


def test_question_lines_are_source_lines():
    document = parse_landing_page(
        read_document(IMPORT_CASES / "02_skillable-digital-badges-faq.md")
    )
    assert [item.line for item in document.faqs[:2]] == [58, 64]
    assert document.faqs[-1].line == 136


def test_word_images_are_left_out_with_a_warning_naming_the_line():
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(image, "PNG")
    word = Document()
    word.add_heading("FAQs", 2)
    word.add_heading("Is the badge free?", 3)
    word.add_paragraph("Yes, always.")
    word.add_picture(image)
    raw = io.BytesIO()
    word.save(raw)
    document = parse_landing_page(decode_document(raw.getvalue(), "faq.docx"))
    assert [
        (item.question, item.answer.endswith(">Yes, always.</p>")) for item in document.faqs
    ] == [("Is the badge free?", True)]
    assert document.warnings == ["line 7: an image was left out."]
