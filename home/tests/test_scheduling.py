"""Scheduled publishing end to end (issue 7, point 3): go-live and expiry dates set in
the admin take effect when ``publish_scheduled`` runs, in the HTML page and the API."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from badgecms.home.models import BadgeLandingPage
from tests.helpers.editor_forms import editor_form_data

pytestmark = pytest.mark.django_db

START = datetime.datetime(2030, 3, 1, 8, 0, tzinfo=datetime.UTC)
GO_LIVE = START + datetime.timedelta(hours=1)
EXPIRE = START + datetime.timedelta(hours=2)


def publish_scheduled():
    call_command("publish_scheduled", stdout=StringIO())


def visible(client, page_id):
    """(HTML status, API status) of the page for an anonymous visitor."""
    html = client.get("/launch/")
    api = client.get(f"/api/v1/pages/{page_id}/")
    return html.status_code, api.status_code


def test_go_live_and_expiry_through_publish_scheduled(
    seed_page, publisher, make_landing_page, client
):
    with time_machine.travel(START, tick=False):
        page = make_landing_page(
            "Launch", parent=seed_page, publish=False, faqs=[("When?", "<p>Soon.</p>")]
        )
        client.force_login(publisher)
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.id]),
            editor_form_data(
                page,
                go_live_at=GO_LIVE.strftime("%Y-%m-%d %H:%M"),
                expire_at=EXPIRE.strftime("%Y-%m-%d %H:%M"),
                action="publish",
            ),
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert (page.live, page.go_live_at, page.expire_at) == (False, GO_LIVE, EXPIRE)
        assert page.latest_revision.approved_go_live_at == GO_LIVE
        client.logout()
        publish_scheduled()
        assert visible(client, page.id) == (404, 404)

    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled()
        page = BadgeLandingPage.objects.get(id=page.id)
        assert (page.live, page.go_live_at, page.expire_at) == (True, GO_LIVE, EXPIRE)
        assert visible(client, page.id) == (200, 200)
        assert "When?" in client.get("/launch/").content.decode()
        assert client.get(f"/api/v1/pages/{page.id}/").json()["faqs"][0]["question"] == "When?"

    with time_machine.travel(EXPIRE + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled()
        page = BadgeLandingPage.objects.get(id=page.id)
        assert (page.live, page.expired) == (False, True)
        assert visible(client, page.id) == (404, 404)
        assert client.get(f"/api/v1/pages/{page.id}/").json()["error"]["code"] == "not_found"


def test_editor_schedule_needs_a_publisher(seed_page, editor, make_landing_page, client):
    """An editor may fill in the dates, but only publishing makes a schedule effective."""
    with time_machine.travel(START, tick=False):
        page = make_landing_page("Launch", parent=seed_page, publish=False)
        client.force_login(editor)
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.id]),
            editor_form_data(page, go_live_at=GO_LIVE.strftime("%Y-%m-%d %H:%M"), action="publish"),
        )
        page.refresh_from_db()
        assert page.latest_revision.approved_go_live_at is None
    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled()
        assert not BadgeLandingPage.objects.get(id=page.id).live
