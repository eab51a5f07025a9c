"""Admin preview of landing pages in Wagtail's preview panel, in its two modes: the HTML
page (``""``) and "API JSON" (``api``), for the editor's unsaved form state (case C08 for
never-published and never-saved pages)."""

import json

import pytest
from django.test import RequestFactory

from badgecms.api.serializers import LandingPageSerializer
from badgecms.home.models import BadgeLandingPage
from tests.helpers.editor_forms import current_faqs, current_links, editor_form_data, faq, link
from tests.helpers.markup import read_landing_page

pytestmark = pytest.mark.django_db


def preview_on_edit(client, page, data, mode):
    """Post the editor's form state to Wagtail's preview, then load mode ``mode``."""
    url = f"/admin/pages/{page.pk}/edit/preview/"
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"mode": mode, "in_preview_panel": "true"})


def test_landing_pages_offer_the_page_and_api_json_preview_modes(landing_page, editor_client):
    assert landing_page.preview_modes == [
        ("", "Page"),
        ("api", "API JSON"),
        ("frontend", "Frontend"),
    ]
    assert landing_page.default_preview_mode == ""
    html = editor_client.get(f"/admin/pages/{landing_page.pk}/edit/").content.decode()
    assert '<option value="" selected>Page</option>' in html
    assert '<option value="api">API JSON</option>' in html
    assert '<option value="frontend">Frontend</option>' in html


def test_unsaved_edits_reorders_and_deletions_show_in_both_modes(landing_page, editor_client):
    faqs = current_faqs(landing_page)
    links = current_links(landing_page)
    changed = [
        faqs[2],
        {**faqs[0], "answer": "<p>New answer one, not saved.</p>"},
        faq("A brand-new question?", "<p>Added in the editor.</p>"),
    ]  # item 2 deleted, 3 moved to the top, one added
    new_links = [link("New Link", "New badges", "https://www.credly.com/org/new"), links[1]]
    data = editor_form_data(
        landing_page, faqs=changed, links=new_links, intro="<p>Draft intro.</p>"
    )
    revisions_before = landing_page.revisions.count()

    body = preview_on_edit(editor_client, landing_page, data, "api")
    assert body["Content-Type"] == "application/json; charset=utf-8"
    preview = json.loads(body.content)
    assert [item["question"] for item in preview["faqs"]] == [
        "Is it free?",
        "What is a badge?",
        "A brand-new question?",
    ]
    assert preview["faqs"][1]["answer"] == "<p>New answer one, not saved.</p>"
    assert preview["faqs"][0]["id"] == faqs[2]["id"]
    assert preview["intro"] == "<p>Draft intro.</p>"
    assert [x["label"] for x in preview["certification_links"]] == [
        "New Link",
        "Data Certification Link",
    ]
    assert b'\n  "title": "Badges",\n' in body.content  # pretty-printed
    assert b"\\u003cp\\u003eDraft intro.\\u003c/p\\u003e" in body.content  # API escaping

    html = read_landing_page(preview_on_edit(editor_client, landing_page, data, "").text)
    questions = ["Is it free?", "What is a badge?", "A brand-new question?"]
    assert html["questions"] == html["structured_data_questions"] == questions
    assert html["answers"][1] == "<p>New answer one, not saved.</p>"
    assert html["links"] == ["New badges", "Data badges"]

    # Nothing was saved: same revisions, the live page and its JSON unchanged.
    assert landing_page.revisions.count() == revisions_before
    live = editor_client.get(f"/api/v1/pages/{landing_page.pk}/").json()
    assert [item["question"] for item in live["faqs"]] == [
        "What is a badge?",
        "Who issues it?",
        "Is it free?",
    ]
    assert live["faqs"][0]["answer"] == "<p>Old answer one.</p>"


def test_api_json_mode_is_exactly_the_detail_json(landing_page, editor_client):
    data = editor_form_data(landing_page)
    preview = preview_on_edit(editor_client, landing_page, data, "api").json()
    assert preview == editor_client.get(f"/api/v1/pages/{landing_page.pk}/").json()


def test_unknown_preview_mode_is_not_found(landing_page, editor_client):
    response = preview_on_edit(editor_client, landing_page, editor_form_data(landing_page), "x")
    assert response.status_code == 404


def test_c08_never_published_draft_previews_in_both_modes(make_landing_page, editor_client):
    draft = make_landing_page(
        title="Draft badges", faqs=[("Draft question?", "<p>Draft answer.</p>")], publish=False
    )
    assert not draft.live and draft.first_published_at is None
    data = editor_form_data(draft)

    preview = preview_on_edit(editor_client, draft, data, "api").json()
    assert preview["id"] == draft.pk
    assert preview["title"] == "Draft badges"
    assert preview["faqs"][0]["answer"] == "<p>Draft answer.</p>"
    assert preview["last_published_at"] is None
    html = read_landing_page(preview_on_edit(editor_client, draft, data, "").text)
    assert (html["questions"], html["answers"]) == (["Draft question?"], ["<p>Draft answer.</p>"])

    # Wagtail's "View draft" (the saved draft, not the form) works in both modes too.
    saved = editor_client.get(f"/admin/pages/{draft.pk}/view_draft/", {"mode": "api"}).json()
    assert saved["faqs"][0]["question"] == "Draft question?"
    saved_html = editor_client.get(f"/admin/pages/{draft.pk}/view_draft/").text
    assert read_landing_page(saved_html)["answers"] == ["<p>Draft answer.</p>"]
    # ... and the public API does not serve it.
    assert editor_client.get(f"/api/v1/pages/{draft.pk}/").status_code == 404


def test_c08_brand_new_unsaved_page_previews_in_both_modes(site, editor_client):
    parent = site.root_page
    url = f"/admin/pages/add/badgecms_home/badgelandingpage/{parent.pk}/preview/"
    data = editor_form_data(
        None,
        title="Never saved",
        slug="never-saved",
        faqs=[faq("First?", "<p>One.</p>"), faq("Second?", "<p>Two.</p>")],
        links=[link("Link", "Button", "https://www.credly.com/org/x")],
    )
    assert editor_client.post(url, data).json()["is_valid"] is True

    preview = editor_client.get(url, {"mode": "api"}).json()
    assert preview["id"] is None
    assert preview["url"] is None
    assert preview["last_published_at"] is None
    assert [item["question"] for item in preview["faqs"]] == ["First?", "Second?"]
    assert preview["certification_links"] == [
        {"label": "Link", "text": "Button", "url": "https://www.credly.com/org/x"}
    ]
    html = read_landing_page(editor_client.get(url).text)
    assert html["title"] == "Never saved"
    assert html["answers"] == ["<p>One.</p>", "<p>Two.</p>"]
    assert html["links"] == ["Button"]
    assert not BadgeLandingPage.objects.filter(slug="never-saved").exists()


def test_c08_in_memory_page_without_pk_url_or_tree_position_previews():
    """No code path assumes a primary key, a URL, a tree position or a publication."""
    page = BadgeLandingPage(
        title="Only in memory",
        slug="only-in-memory",
        faqs=[("faq", {"question": "Q?", "answer": "<p>A.</p>"})],
    )
    assert page.pk is None and not page.url_path and page.first_published_at is None
    request = RequestFactory().get("/")
    data = LandingPageSerializer(page, context={"request": request}).data
    assert (data["id"], data["url"], data["last_published_at"]) == (None, None, None)
    assert json.loads(page.make_preview_request(request, "api").content) == data
    html = read_landing_page(page.make_preview_request(request, "").content.decode())
    assert (html["title"], html["answers"]) == ("Only in memory", ["<p>A.</p>"])
