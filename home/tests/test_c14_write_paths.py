"""Case C14 on every write path besides the command: the admin page editor (field
error), the admin import view (see test_admin_import), fixtures, and the importer's
problem list used by the import preview."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from badgecms.home.importing.importer import (
    LandingPageImportError,
    parse_landing_page,
    save_landing_page,
)
from badgecms.home.models import BadgeLandingPage, CertificationLink
from badgecms.home.tests.admin_forms import landing_page_form_data
from badgecms.home.tests.word_files import markdown_to_docx

pytestmark = pytest.mark.django_db

# What the Draftail editor posts for "Read more." with a link typed as javascript:….
JAVASCRIPT_LINK_CONTENTSTATE = {
    "blocks": [
        {
            "key": "a1b2c",
            "type": "unstyled",
            "depth": 0,
            "text": "Read more.",
            "inlineStyleRanges": [],
            "entityRanges": [{"offset": 5, "length": 4, "key": 0}],
        }
    ],
    "entityMap": {
        "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
    },
}
REFUSED = "link scheme javascript: refused; links must start with http:, https:, mailto:."


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "data:x"]
)
def test_admin_form_shows_a_field_error_for_a_refused_scheme(seed_page, admin_client, url):
    links = [("Cert", "Credly certifications", url)]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[seed_page.id]),
        landing_page_form_data(seed_page, links=links, action="publish"),
    )
    assert response.status_code == 200
    formset = response.context["form"].formsets["certification_links"]
    errors = [form.errors.get("url") for form in formset.forms if form.errors]
    assert errors and "links are not allowed" in errors[0][0]
    assert seed_page.revisions.count() == 1
    assert not CertificationLink.objects.filter(url__icontains="script").exists()


def test_admin_intro_link_with_javascript_is_not_stored(seed_page, admin_client):
    revisions = seed_page.revisions.count()
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[seed_page.id]),
        landing_page_form_data(seed_page, intro=json.dumps(JAVASCRIPT_LINK_CONTENTSTATE)),
    )
    # Refused with a field error (C23) rather than stored with the link silently emptied.
    assert response.status_code == 200
    assert "“javascript:” links are not allowed" in response.context["form"].errors["intro"][0]
    assert seed_page.revisions.count() == revisions
    draft = BadgeLandingPage.objects.get(id=seed_page.id).get_latest_revision_as_object()
    assert "javascript" not in draft.intro


def test_fixture_with_javascript_url_is_refused(seed_page, tmp_path):
    fixture = tmp_path / "links.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "badgecms_home.certificationlink",
                    "pk": 999,
                    "fields": {
                        "page": seed_page.id,
                        "sort_order": 5,
                        "label": "Bad",
                        "text": "Bad",
                        "url": "javascript:alert(1)",
                    },
                }
            ]
        )
    )
    with pytest.raises(ValidationError, match="links are not allowed"):
        call_command("loaddata", str(fixture), verbosity=0)
    assert not CertificationLink.objects.filter(pk=999).exists()


def test_collect_problems_lists_every_refused_link_by_line(case_path, site):
    text = case_path("c14-javascript-url.md").read_text()
    document = parse_landing_page(text, collect_problems=True)
    assert [str(problem) for problem in document.problems] == [
        f"line 3: {REFUSED}",
        f"line 5: {REFUSED}",
    ]
    assert [problem.line for problem in document.problems] == [3, 5]
    assert document.certification_links == []
    assert [item.question for item in document.faqs] == ["Question?"]
    with pytest.raises(LandingPageImportError, match=f"^line 3: {REFUSED}"):
        parse_landing_page(text)
    before = BadgeLandingPage.objects.count()
    with pytest.raises(LandingPageImportError, match=f"^line 3: {REFUSED}"):
        save_landing_page(document, slug="c14")
    assert BadgeLandingPage.objects.count() == before


def test_collect_problems_covers_questions_and_missing_structure():
    document = parse_landing_page(
        "## FAQs\n\n### Q: Fine?\n\nA: Yes.\n\n### Q: Lonely?\n\n### Q: \n\nA: x\n",
        collect_problems=True,
    )
    assert [str(problem) for problem in document.problems] == [
        "line 7: the question “Lonely?” has no answer.",
        "line 9: a question is empty.",
    ]
    assert [item.question for item in document.faqs] == ["Fine?"]
    empty = parse_landing_page("Just text.\n", collect_problems=True)
    assert [str(problem) for problem in empty.problems] == [
        "No landing page found in the document: expected questions (headings or bold lines "
        "ending in “?”, “Q:”/“A:” pairs or numbered questions) with their answers, or a link "
        "to the organisation's badges."
    ]


def test_command_imports_a_word_document(seed_document_path, tmp_path, site):
    path = tmp_path / "template.docx"
    path.write_bytes(markdown_to_docx(seed_document_path.read_text()))
    call_command("import_landing_page", str(path), "--slug", "word", verbosity=0)
    page = BadgeLandingPage.objects.get(slug="word").get_latest_revision_as_object()
    assert len(page.faq_sources()) == 13
    assert page.faq_sources()[5]["question"] == "What if I don’t want my badge to be public?"
