"""The admin "Import landing page" view (issue 7, point 1; case C14 in the admin)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Locale, Page, Revision

from badgecms.home.importing.forms import sign_import
from badgecms.home.importing.importer import (
    describe,
    import_warnings,
    parse_landing_page,
    read_document,
)
from badgecms.home.models import BadgeLandingPage
from badgecms.home.tests.import_expectations import DOCUMENTS, IMPORT_CASES, check_page
from badgecms.home.tests.test_importer import SEED_QUESTIONS
from tests.helpers.word_files import markdown_to_docx

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/landing-pages/import/"


def database_state():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        list(Page.objects.values_list("id", "title", "live", "latest_revision_id")),
    )


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def preview(client, name, content, url=IMPORT_URL, **fields):
    response = client.post(url, {"document": upload(name, content), **fields})
    assert response.status_code == 200
    return response


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


@pytest.fixture
def seed_bytes(seed_document_path):
    return seed_document_path.read_bytes()


def test_editor_previews_then_saves_a_new_draft(client, editor, seed_page, seed_bytes):
    client.force_login(editor)
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    assert 'name="document"' in page.content.decode()

    before = database_state()
    response = preview(
        client, "template.md", seed_bytes, parent=seed_page.id, title="Partner badges"
    )
    html = response.content.decode()
    summary = (
        "Found: the introduction “What is Digital Badging?”, 1 certification link and "
        "13 FAQ items under “FAQs”."
    )
    assert response.context["summary"] == summary
    assert f'<p class="w-text-16" data-import-summary>{summary}</p>' in html
    assert [item["question"] for item in response.context["faqs"]] == SEED_QUESTIONS
    assert response.context["problems"] == []
    assert response.context["warnings"] == [
        "Certification link “Tencent Cloud Certification Link” points at "
        "https://www.credly.com/organizations/tencent-cloud-llc/badges: the organisation "
        "“tencent-cloud-llc” is a placeholder from the template. Replace it with your "
        "organisation's address on Credly."
    ]
    assert '<a href="http://info.credly.com">Credly</a>' in response.context["intro_html"]
    assert database_state() == before  # the preview writes nothing

    payload = response.context["confirm_form"]["payload"].value()
    response = client.post(IMPORT_URL, {"payload": payload})
    page = BadgeLandingPage.objects.get(slug="partner-badges")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.id])
    assert page.get_parent().id == seed_page.id
    assert page.title == "Partner badges"
    assert not page.live
    revision = page.latest_revision
    assert (page.revisions.count(), revision.user_id) == (1, editor.id)
    draft = page.get_latest_revision_as_object()
    assert [item["question"] for item in draft.faq_sources()] == SEED_QUESTIONS
    assert messages_of(client.get(response.url))[0] == (
        "Imported 13 FAQ items, 1 certification link into /partner-badges/ (draft). "
        "Check it, then submit it for review or publish it."
    )


def test_c14_javascript_url_is_refused_by_line_and_nothing_is_created(
    client, editor, seed_page, case_path
):
    client.force_login(editor)
    before = database_state()
    response = preview(
        client,
        "c14-javascript-url.md",
        case_path("c14-javascript-url.md").read_bytes(),
        parent=seed_page.id,
    )
    assert response.context["problems"] == [
        "line 3: link scheme javascript: refused; links must start with http:, https:, mailto:.",
        "line 5: link scheme javascript: refused; links must start with http:, https:, mailto:.",
    ]
    html = response.content.decode()
    assert "Nothing can be imported until these are fixed in the document:" in html
    assert "line 3: link scheme javascript: refused" in html
    assert "confirm_form" not in response.context
    assert 'name="payload"' not in html
    assert database_state() == before

    # A confirmation forged with a valid signature is refused by the same saver.
    text = case_path("c14-javascript-url.md").read_text()
    forged = sign_import(
        {"text": text, "page": None, "parent": seed_page.id, "title": "X", "slug": "x"}, editor
    )
    response = client.post(IMPORT_URL, {"payload": forged})
    assert response.status_code == 200
    assert messages_of(response) == [
        "Import failed: line 3: link scheme javascript: refused; links must start with "
        "http:, https:, mailto:."
    ]
    assert database_state() == before


def test_word_document_goes_through_the_same_parser(client, editor, seed_page, seed_bytes):
    client.force_login(editor)
    docx = markdown_to_docx(seed_bytes.decode())
    response = preview(client, "Template.DOCX", docx, parent=seed_page.id, title="From Word")
    assert "13 FAQ items" in response.context["summary"]
    assert [item["question"] for item in response.context["faqs"]] == SEED_QUESTIONS
    assert response.context["problems"] == []
    assert response.context["is_word_document"]
    client.post(IMPORT_URL, {"payload": response.context["confirm_form"]["payload"].value()})
    page = BadgeLandingPage.objects.get(slug="from-word").get_latest_revision_as_object()
    assert page.intro_heading == "What is Digital Badging?"
    assert [(link.label, link.url) for link in page.certification_links.all()] == [
        (
            "Tencent Cloud Certification Link",
            "https://www.credly.com/organizations/tencent-cloud-llc/badges",
        )
    ]
    assert [item["question"] for item in page.faq_sources()] == SEED_QUESTIONS


def test_word_document_with_javascript_link_names_the_converted_line(client, editor, seed_page):
    client.force_login(editor)
    docx = markdown_to_docx(
        "## Intro\n\nCert: [Credly](javascript:alert(1))\n\n## FAQs\n\n### Q: Q?\n\nA: A.\n"
    )
    before = database_state()
    response = preview(client, "bad.docx", docx, parent=seed_page.id)
    assert response.context["problems"] == [
        "line 3: link scheme javascript: refused; links must start with http:, https:, mailto:."
    ]
    assert response.context["text_lines"][2] == "Cert: [Credly](javascript:alert(1))"
    assert database_state() == before


def test_unreadable_uploads_are_form_errors(client, editor, seed_page):
    client.force_login(editor)
    cases = [
        (
            "notes.pdf",
            b"%PDF",
            "“notes.pdf” is not a Markdown (.md), text (.txt), web page (.html) or Word "
            "(.docx) file.",
        ),
        ("broken.docx", b"not a zip", "broken.docx: this is not a Word document (.docx)"),
        ("latin1.md", "é".encode("latin-1"), "latin1.md is not a UTF-8 text file"),
    ]
    for name, content, message in cases:
        response = preview(client, name, content, parent=seed_page.id)
        assert response.context["form"].errors["document"][0].startswith(message)


def test_update_action_adds_a_draft_revision_to_the_page(client, editor, seed_page):
    client.force_login(editor)
    url = f"{IMPORT_URL}?page={seed_page.id}"
    assert "parent" not in client.get(url).context["form"].fields
    text = "## What is Digital Badging?\n\nNew intro.\n\n## FAQs\n\n### Q: Only one?\n\nA: Yes.\n"
    response = preview(client, "update.md", text.encode(), url=url)
    assert "Importing adds a <strong>draft</strong> revision to “Digital Badges”" in (
        response.content.decode()
    )
    response = client.post(url, {"payload": response.context["confirm_form"]["payload"].value()})
    assert response.status_code == 302
    page = BadgeLandingPage.objects.get(id=seed_page.id)
    assert page.revisions.count() == 2
    assert len(page.faq_sources()) == 13  # the live page is unchanged
    assert [item["question"] for item in page.get_latest_revision_as_object().faq_sources()] == [
        "Only one?"
    ]


def test_tampered_stale_or_borrowed_previews_are_refused(
    client, editor, publisher, seed_page, seed_bytes
):
    client.force_login(editor)
    payload = (
        preview(client, "t.md", seed_bytes, parent=seed_page.id)
        .context["confirm_form"]["payload"]
        .value()
    )
    before = database_state()
    response = client.post(IMPORT_URL, {"payload": payload[:-2] + "xx"})
    assert messages_of(response) == [
        "This preview was changed or is not valid; upload the document again."
    ]
    client.force_login(publisher)
    response = client.post(IMPORT_URL, {"payload": payload})
    assert messages_of(response) == [
        "This preview was made by another user; upload the document again."
    ]
    assert database_state() == before


def test_existing_slug_is_a_problem_not_an_update(client, editor, seed_page, seed_bytes):
    client.force_login(editor)
    preview(client, "a.md", seed_bytes, parent=seed_page.id, slug="partner")
    first = preview(client, "a.md", seed_bytes, parent=seed_page.id, slug="partner")
    client.post(IMPORT_URL, {"payload": first.context["confirm_form"]["payload"].value()})
    again = preview(client, "a.md", seed_bytes, parent=seed_page.id, slug="partner")
    assert again.context["problems"] == [
        "A page with the slug “partner” exists already under “Digital Badges”: choose another "
        "slug, or open that page and use “Import from document” on it to update it."
    ]
    assert BadgeLandingPage.objects.get(slug="partner").revisions.count() == 1


def test_only_users_who_may_add_or_edit_landing_pages_get_in(
    client, roles, make_user, seed_page, seed_bytes, site
):
    outsider = make_user("outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(f"{IMPORT_URL}?page={seed_page.id}").status_code == 403
    before = database_state()
    response = client.post(IMPORT_URL, {"document": upload("t.md", seed_bytes)})
    assert response.status_code == 403
    assert database_state() == before
    assert "Import landing page" not in client.get("/admin/").content.decode()

    # An editor may not create a page where the editors' group has no permission.
    editor = make_user("someone", "Badge editors")
    client.force_login(editor)
    response = client.post(
        IMPORT_URL,
        {"document": upload("t.md", seed_bytes), "parent": site.root_page.get_parent().id},
    )
    assert response.context["form"].errors["parent"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert database_state() == before


def test_menu_item_and_page_actions_lead_to_the_import(client, editor, seed_page):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert f'href="{IMPORT_URL}"' in dashboard
    assert "Import landing page" in dashboard
    action = f"{IMPORT_URL}?page={seed_page.id}"
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[seed_page.id])).content.decode()
    assert action in edit
    explorer = client.get(reverse("wagtailadmin_explore", args=[seed_page.id])).content.decode()
    assert action in explorer


@pytest.mark.parametrize("name", DOCUMENTS)
def test_real_world_documents_import_as_expected_through_the_view(name, client, editor, seed_page):
    """Cases I01–I04, through the admin import view: the preview shows the command's
    summary and each question with its source line; the saved draft holds every value."""
    client.force_login(editor)
    raw = (IMPORT_CASES / name).read_bytes()
    response = preview(client, name, raw, parent=seed_page.id, slug="imported")
    document = parse_landing_page(read_document(IMPORT_CASES / name), name=name)
    assert response.context["summary"] == describe(document)
    assert response.context["problems"] == []
    assert response.context["warnings"] == import_warnings(document)
    html = response.content.decode()
    for item in document.faqs:
        assert f'{escape(item.question)} <span class="w-text-grey-400">(line {item.line})' in html
    response = client.post(
        IMPORT_URL, {"payload": response.context["confirm_form"]["payload"].value()}
    )
    assert response.status_code == 302
    check_page(name, BadgeLandingPage.objects.get(slug="imported").get_latest_revision_as_object())


def test_pasted_text_is_previewed_and_saved(client, editor, seed_page):
    client.force_login(editor)
    pasted = (
        "Preguntas frecuentes\n\n¿Qué es una insignia?\n\n"
        "Q: ¿Cuánto cuesta?\nA: Nada.\n\nQ: バッジとは？\nA: デジタル証明です。\n"
    )
    response = client.post(IMPORT_URL, {"pasted": pasted, "parent": seed_page.id, "slug": "pegado"})
    assert response.context["filename"] == "the pasted text"
    assert [(item["question"], item["line"]) for item in response.context["faqs"]] == [
        ("¿Cuánto cuesta?", 5),
        ("バッジとは？", 8),
    ]
    client.post(IMPORT_URL, {"payload": response.context["confirm_form"]["payload"].value()})
    page = BadgeLandingPage.objects.get(slug="pegado").get_latest_revision_as_object()
    assert [item["question"] for item in page.faq_sources()] == ["¿Cuánto cuesta?", "バッジとは？"]
    assert page.faq_sources()[1]["answer"].endswith(">デジタル証明です。</p>")


def test_neither_file_nor_text_is_a_form_error(client, editor, seed_page):
    client.force_login(editor)
    response = client.post(IMPORT_URL, {"pasted": "  ", "parent": seed_page.id})
    assert response.context["form"].errors["document"] == [
        "Choose a file, or paste the text below."
    ]


def test_editor_leaves_out_items_that_are_not_questions(client, editor, seed_page, seed_bytes):
    client.force_login(editor)
    response = preview(client, "t.md", seed_bytes, parent=seed_page.id, slug="trimmed")
    assert 'name="leave_out" value="0" form="import-confirm"' in response.content.decode()
    payload = response.context["confirm_form"]["payload"].value()
    response = client.post(IMPORT_URL, {"payload": payload, "leave_out": ["0", "12"]})
    page = BadgeLandingPage.objects.get(slug="trimmed").get_latest_revision_as_object()
    assert [item["question"] for item in page.faq_sources()] == SEED_QUESTIONS[1:12]
    assert messages_of(client.get(response.url))[0].startswith(
        "Imported 11 FAQ items, 1 certification link into /trimmed/ (draft)."
    )


def test_too_deep_list_is_refused_in_the_preview_naming_the_line(
    client, editor, seed_page, case_path
):
    """Case C21 in the admin import preview."""
    client.force_login(editor)
    before = database_state()
    response = preview(
        client, "deep.md", case_path("c21-deep-nesting.md").read_bytes(), parent=seed_page.id
    )
    assert response.context["form"].errors["document"] == [
        "line 6: a list or quote is nested 30 levels deep; at most 10 are accepted: flatten it."
    ]
    assert database_state() == before


def test_locale_choice_puts_the_new_page_in_that_locale(client, editor, seed_page, settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Spanish")]
    spanish = Locale.objects.create(language_code="es")
    client.force_login(editor)
    assert "locale" in client.get(IMPORT_URL).context["form"].fields
    text = "## FAQs\n\n### ¿Qué es?\n\nUna insignia.\n"
    response = client.post(
        IMPORT_URL,
        {"pasted": text, "parent": seed_page.id, "slug": "es-faq", "locale": spanish.id},
    )
    client.post(IMPORT_URL, {"payload": response.context["confirm_form"]["payload"].value()})
    assert BadgeLandingPage.objects.get(slug="es-faq").locale == spanish
