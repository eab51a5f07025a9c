"""The page editor's "Preview in frontend" action: who may get a preview token, what it
is made from (the submitted form, saved or not), where the editor is sent (the site
setting, else FRONTEND_PREVIEW_URL), and case C08 for tokens."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from badgecms.api.models import FrontendPreviewSettings, PagePreview
from tests.helpers.editor_forms import editor_form_data, faq, link, token_of

pytestmark = pytest.mark.django_db

TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}\.[A-Za-z0-9]{6,}\.[A-Za-z0-9_-]{43}$")


def action_url(page):
    return f"/admin/frontend-preview/{page.pk}/"


def test_editor_is_sent_to_the_frontend_with_a_token(
    landing_page, editor_client, moderator, frontend_url, api_client
):
    data = editor_form_data(landing_page, title="Unsaved title")
    response = editor_client.post(action_url(landing_page), data)
    assert response["Location"].startswith("https://frontend.example/api/draft?token=")
    token = token_of(response)
    assert TOKEN_SHAPE.match(token)

    preview = PagePreview.objects.get()
    assert token.split(".")[0] == preview.key
    assert preview.page_id == landing_page.pk
    assert preview.created_by == moderator
    assert api_client.get("/api/v1/preview/", {"token": token}).json()["title"] == "Unsaved title"
    landing_page.refresh_from_db()
    assert landing_page.title == "Badges"  # nothing saved


def test_token_reveals_no_id_and_is_unrelated_to_other_tokens(landing_page, preview_in_frontend):
    first, second = preview_in_frontend(landing_page), preview_in_frontend(landing_page)
    key_1, key_2 = first.split(".")[0], second.split(".")[0]
    assert key_1 != key_2
    assert first.split(".")[2] != second.split(".")[2]
    # The only readable part is the timestamp; the key and signature are random/HMAC.
    for token in (first, second):
        assert "Badges" not in token and "badges" not in token


def test_site_setting_overrides_the_environment_and_keeps_its_query(
    site, landing_page, editor_client, frontend_url
):
    setting = FrontendPreviewSettings.for_site(site)
    setting.frontend_preview_url = "https://next.example/api/draft?secret=s3&token=old#top"
    setting.save()
    response = editor_client.post(action_url(landing_page), editor_form_data(landing_page))
    location = response["Location"]
    assert location.startswith("https://next.example/api/draft?secret=s3&token=")
    assert location.endswith("#top")
    assert location.count("token=") == 1


def test_without_a_frontend_url_no_token_is_issued(landing_page, editor_client, badgecms_settings):
    badgecms_settings(FRONTEND_PREVIEW_URL="")
    response = editor_client.post(action_url(landing_page), editor_form_data(landing_page))
    assert response.status_code == 409
    assert "Settings › Frontend preview" in response.text
    assert not PagePreview.objects.exists()


def test_invalid_form_state_issues_no_token(landing_page, editor_client, frontend_url):
    data = editor_form_data(landing_page, links=[link("Bad", "Click", "javascript:alert(1)")])
    response = editor_client.post(action_url(landing_page), data)
    assert response.status_code == 400
    assert "Frontend preview not available" in response.text
    assert not PagePreview.objects.exists()


@pytest.fixture
def reviewer(django_user_model):
    """A user who may use the admin but has no permission on any page."""
    user = django_user_model.objects.create_user("reviewer", password="pw-reviewer")
    group = Group.objects.create(name="Reviewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def test_users_who_may_not_edit_the_page_get_403(
    landing_page, make_landing_page, reviewer, django_user_model, frontend_url, moderator
):
    client = Client()
    client.force_login(reviewer)
    data = editor_form_data(landing_page)
    refused = client.post(action_url(landing_page), data)
    assert refused.status_code == 403
    assert "You may not edit this page" in refused.text
    parent = landing_page.get_parent()
    add_url = f"/admin/frontend-preview/add/badgecms_home/badgelandingpage/{parent.pk}/"
    assert client.post(add_url, editor_form_data(None, title="X", slug="x")).status_code == 403

    # Edit permission on another part of the tree does not count.
    other = make_landing_page(title="Other section")
    group = Group.objects.get(name="Reviewers")
    GroupPagePermission.objects.create(group=group, page=other, permission_type="change")
    assert client.post(action_url(landing_page), data).status_code == 403
    assert token_of(client.post(action_url(other), editor_form_data(other)))

    anonymous = Client().post(action_url(landing_page), data)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    assert PagePreview.objects.count() == 1


def test_other_methods_are_not_allowed(landing_page, editor_client, frontend_url):
    # GET hands out tokens of the preview panel's state: see test_live_preview.py.
    assert editor_client.put(action_url(landing_page)).status_code == 405


def test_c08_never_saved_page_previews_through_a_token(
    site, editor_client, frontend_url, api_client
):
    parent = site.root_page
    data = editor_form_data(
        None,
        title="Brand new",
        slug="",  # not filled in yet: Wagtail's preview makes one up
        faqs=[faq("New question?", "<p>New answer.</p>")],
        links=[link("New link", "Go", "https://www.credly.com/org/new")],
    )
    response = editor_client.post(
        f"/admin/frontend-preview/add/badgecms_home/badgelandingpage/{parent.pk}/", data
    )
    preview = api_client.get("/api/v1/preview/", {"token": token_of(response)}).json()
    assert (preview["id"], preview["url"], preview["last_published_at"]) == (None, None, None)
    assert preview["latest_revision_created_at"] is None
    assert preview["title"] == "Brand new"
    assert preview["faqs"][0]["answer"] == "<p>New answer.</p>"
    assert preview["certification_links"][0]["url"] == "https://www.credly.com/org/new"
    assert PagePreview.objects.get().page is None


def test_c08_never_published_draft_previews_through_a_token(
    make_landing_page, preview_in_frontend, api_client
):
    draft = make_landing_page(title="Draft only", faqs=[("Q?", "<p>A.</p>")], publish=False)
    preview = api_client.get("/api/v1/preview/", {"token": preview_in_frontend(draft)}).json()
    assert preview["id"] == draft.pk
    assert preview["last_published_at"] is None
    assert preview["faqs"][0]["answer"] == "<p>A.</p>"
    assert api_client.get(f"/api/v1/pages/{draft.pk}/").status_code == 404


def test_action_is_in_the_editor_of_landing_pages(site, landing_page, editor_client):
    edit = editor_client.get(f"/admin/pages/{landing_page.pk}/edit/").text
    assert f'formaction="/admin/frontend-preview/{landing_page.pk}/"' in edit
    assert "Preview in frontend</button>" in edit
    create = editor_client.get(
        f"/admin/pages/add/badgecms_home/badgelandingpage/{site.root_page.pk}/"
    ).text
    expected = (
        'formaction="/admin/frontend-preview/add/badgecms_home/badgelandingpage/'
        f'{site.root_page.pk}/"'
    )
    assert expected in create


def test_frontend_preview_url_is_a_site_setting_in_the_admin(site, admin_client):
    url = f"/admin/settings/badgecms_api/frontendpreviewsettings/{site.pk}/"
    assert "Frontend preview URL" in admin_client.get(url).text
    refused = admin_client.post(url, {"frontend_preview_url": "javascript:alert(1)"})
    assert refused.status_code == 200 and "javascript" in refused.text
    admin_client.post(url, {"frontend_preview_url": "https://www.example.org/api/draft"})
    saved = FrontendPreviewSettings.for_site(site)
    assert saved.get_frontend_preview_url() == "https://www.example.org/api/draft"
