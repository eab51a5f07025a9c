"""Uploads that would tie up a worker or crash the import are refused with a clear
sentence (found by the adversarial review): oversized text, Word files that unpack to
too much, zips that are not Word documents, and nesting deeper than the parsers read
(case C21)."""

import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from badgecms.home.importing.document import MAX_NESTING_LEVELS
from badgecms.home.importing.importer import (
    MAX_DOCUMENT_CHARACTERS,
    LandingPageImportError,
    decode_document,
    parse_landing_page,
)
from badgecms.home.importing.word_documents import MAX_UNPACKED_BYTES

NOT_WORD = "this is not a Word document (.docx) that can be read"


def zipped(files, encrypted=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    if encrypted:
        # Set the "encrypted" flag of the first local header and central directory entry.
        raw[6] |= 1
        central = raw.rfind(b"PK\x01\x02")
        raw[central + 8] |= 1
    return bytes(raw)


def test_text_longer_than_the_limit_is_refused():
    text = "### Q: x?\n\nA: y\n" + "a" * MAX_DOCUMENT_CHARACTERS
    with pytest.raises(LandingPageImportError) as raised:
        decode_document(text.encode(), "big.md")
    assert str(raised.value) == (
        f"big.md holds {len(text):,} characters; at most 100,000 are accepted "
        "(a landing page template has about 6,000)."
    )


def test_word_file_that_unpacks_too_large_is_refused():
    body = "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (MAX_UNPACKED_BYTES // 30)
    raw = zipped({"word/document.xml": f"<w:document><w:body>{body}</w:body></w:document>"})
    assert len(raw) < 200_000
    with pytest.raises(LandingPageImportError, match="unpacks to more than 4 MB"):
        decode_document(raw, "bomb.docx")


@pytest.mark.parametrize(
    "raw",
    [
        zipped({"xl/workbook.xml": "<workbook/>"}),
        zipped({"word/document.xml": "<w:document><w:body><w:p>broken"}),
        zipped({"word/document.xml": "<w:document/>"}, encrypted=True),
        b"not a zip at all",
    ],
    ids=["no-main-part", "broken-xml", "encrypted", "not-zip"],
)
def test_unreadable_word_files_are_a_clear_error(raw):
    with pytest.raises(LandingPageImportError, match=re.escape(f"x.docx: {NOT_WORD};")):
        decode_document(raw, "x.docx")


@pytest.mark.django_db
def test_frontend_preview_of_a_model_that_is_not_a_landing_page_is_404(seed_page, client):
    client.force_login(get_user_model().objects.create_superuser("su", "su@x.org", "pw"))
    for model in ("auth/user", "badgecms_home/certificationlink"):
        response = client.post(f"/admin/frontend-preview/add/{model}/{seed_page.id}/", {})
        assert response.status_code == 404


def nested_list(levels):
    return "\n".join("  " * level + f"- level {level + 1}" for level in range(levels))


@pytest.mark.django_db
def test_c21_too_deep_list_is_refused_naming_the_line_and_writes_nothing(case_path, site):
    """Case C21: markdown-it stops reading at its nesting limit without a word; the
    importer refuses the document by line instead of dropping the two last questions."""
    before = (Page.objects.count(), Revision.objects.count())
    with pytest.raises(CommandError) as raised:
        call_command("import_landing_page", str(case_path("c21-deep-nesting.md")))
    assert str(raised.value) == (
        "Import failed: line 6: a list or quote is nested 30 levels deep; at most 10 are "
        "accepted: flatten it."
    )
    assert (Page.objects.count(), Revision.objects.count()) == before


def test_c21_list_at_the_limit_imports_whole_with_the_questions_after_it():
    text = (
        f"## FAQs\n\n### Q: Deep?\n\nA: Starts here.\n{nested_list(MAX_NESTING_LEVELS)}\n\n"
        "### Q: Second question?\n\nA: Second answer.\n\n### Q: Third question?\n\nA: Third.\n"
    )
    document = parse_landing_page(text)
    assert [item.question for item in document.faqs] == [
        "Deep?",
        "Second question?",
        "Third question?",
    ]
    answer = document.faqs[0].answer
    assert [f"level {n}" in answer for n in range(1, 11)] == [True] * 10
    assert answer.count("<ul>") == 10


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (
            "<h2>Q?</h2>\n" + "<ul><li>" * 11 + "x" + "</li></ul>" * 11,
            "line 2: a list or quote is nested 11 levels deep; at most 10 are accepted: "
            "flatten it.",
        ),
        (
            "<h2>Q?</h2>\n<p>" + "<b><i>" * 30 + "x" + "</i></b>" * 30 + "</p>",
            "line 2: the markup is nested 60 elements deep; at most 40 are accepted.",
        ),
        (
            "<div>" * 101 + "<h2>Q?</h2><p>A</p>" + "</div>" * 101,
            "line 1: the HTML is nested more than 100 elements deep; a FAQ page needs far less.",
        ),
    ],
    ids=["list", "inline", "divs"],
)
def test_c21_deep_html_is_refused_naming_the_line(html, message):
    """Case C21 for HTML: deep nesting is refused by line, never cut off or a crash."""
    with pytest.raises(LandingPageImportError) as raised:
        parse_landing_page(html)
    assert str(raised.value) == message
