"""The live "Frontend" preview mode of the page editor's preview panel (issue 15): the
panel's frame is sent to the site's frontend with a token of the unsaved form state, each
later state is handed out as a new token (for the editor script to post to the frontend),
and the editor may frame exactly the configured frontend origin."""

import pytest
from django.test import Client

from badgecms.api.models import FrontendPreviewSettings, PagePreview
from tests.helpers.editor_forms import current_faqs, editor_form_data, faq

pytestmark = pytest.mark.django_db

FRONTEND = "https://frontend.example:8443/preview/index.html?api=https://cms.example"


@pytest.fixture
def site_frontend(site):
    setting = FrontendPreviewSettings.for_site(site)
    setting.frontend_preview_url = FRONTEND
    setting.save()
    return setting


def post_preview(client, page, data):
    url = f"/admin/pages/{page.pk}/edit/preview/"
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}


def preview_json(token):
    return Client().get("/api/v1/preview/", {"token": token}).json()


def test_the_editor_loads_the_live_preview_script(landing_page, editor_client):
    html = editor_client.get(f"/admin/pages/{landing_page.pk}/edit/").text
    assert '<script src="/static/badgecms_api/js/live-preview.js" defer></script>' in html


def test_frontend_mode_frames_the_frontend_with_a_token_of_the_unsaved_state(
    landing_page, editor_client, site_frontend
):
    post_preview(editor_client, landing_page, editor_form_data(landing_page, title="Unsaved"))
    response = editor_client.get(
        f"/admin/pages/{landing_page.pk}/edit/preview/",
        {"mode": "frontend", "in_preview_panel": "true"},
    )
    assert response.status_code == 302
    address, token = response["Location"].split("&token=")
    assert (
        address == "https://frontend.example:8443/preview/index.html?api=https%3A%2F%2Fcms.example"
    )
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert preview_json(token)["title"] == "Unsaved"
    landing_page.refresh_from_db()
    assert landing_page.title == "Badges"


def test_each_refresh_gets_a_token_of_the_latest_posted_state(
    landing_page, editor_client, site_frontend
):
    faqs = current_faqs(landing_page)
    token_url = f"/admin/frontend-preview/{landing_page.pk}/"
    post_preview(
        editor_client,
        landing_page,
        editor_form_data(landing_page, faqs=[faqs[1], {**faqs[0], "answer": "<p>Typing</p>"}]),
    )
    first = editor_client.get(token_url)
    assert first.status_code == 200
    assert first["Referrer-Policy"] == "no-referrer"
    assert first.json()["origin"] == "https://frontend.example:8443"
    draft = preview_json(first.json()["token"])
    assert first.json()["preview"] == draft  # sent along: the frontend needs no request
    assert [item["question"] for item in draft["faqs"]] == ["Who issues it?", "What is a badge?"]
    assert draft["faqs"][1]["answer"] == "<p>Typing</p>"

    post_preview(
        editor_client, landing_page, editor_form_data(landing_page, faqs=[faq("Only?", "<p>1</p>")])
    )
    second = editor_client.get(token_url).json()
    assert second["token"] != first.json()["token"]
    assert [item["question"] for item in preview_json(second["token"])["faqs"]] == ["Only?"]
    assert PagePreview.objects.count() == 2


def test_no_token_without_a_valid_posted_state_or_a_frontend_url(landing_page, editor_client, site):
    token_url = f"/admin/frontend-preview/{landing_page.pk}/"
    invalid_error = {
        "error": {
            "code": "invalid_form",
            "message": "The editor form has validation errors.",
            "field": None,
        }
    }
    nothing_posted = editor_client.get(token_url)
    assert (nothing_posted.status_code, nothing_posted.json()) == (400, invalid_error)
    data = editor_form_data(landing_page, faqs=[faq("", "<p>No question</p>")])
    url = f"/admin/pages/{landing_page.pk}/edit/preview/"
    assert editor_client.post(url, data).json()["is_valid"] is False
    invalid = editor_client.get(token_url)
    assert (invalid.status_code, invalid.json()) == (400, invalid_error)

    post_preview(editor_client, landing_page, editor_form_data(landing_page))
    missing = editor_client.get(token_url)
    assert missing.status_code == 409
    assert missing.json()["error"]["code"] == "missing_frontend_preview_url"
    assert not PagePreview.objects.exists()


def test_other_users_get_no_token(landing_page, site_frontend, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/admin/frontend-preview/{landing_page.pk}/").status_code in (302, 403)
    assert not PagePreview.objects.exists()


def test_the_editor_may_frame_exactly_the_frontend_origin(
    landing_page, editor_client, site_frontend, client
):
    edit = editor_client.get(f"/admin/pages/{landing_page.pk}/edit/")
    assert edit["Content-Security-Policy"] == "frame-src 'self' https://frontend.example:8443"
    add = editor_client.get(
        f"/admin/pages/add/badgecms_home/badgelandingpage/{landing_page.get_parent().pk}/"
    )
    assert add["Content-Security-Policy"] == "frame-src 'self' https://frontend.example:8443"
    # Other admin pages and the public site keep their own policies.
    assert "Content-Security-Policy" not in editor_client.get("/admin/")
    assert "frame-src" not in client.get(landing_page.url)["Content-Security-Policy"]


def test_without_a_frontend_the_editor_frames_only_its_own_origin(landing_page, editor_client):
    edit = editor_client.get(f"/admin/pages/{landing_page.pk}/edit/")
    assert edit["Content-Security-Policy"] == "frame-src 'self'"
