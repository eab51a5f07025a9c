"""Uploads that would tie up a worker or crash the import are refused with a clear
sentence (found by the adversarial review): oversized text, Word files that unpack to
too much, and zips that are not Word documents."""

import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model

from badgecms.home.importing.importer import (
    MAX_DOCUMENT_CHARACTERS,
    LandingPageImportError,
    decode_document,
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
