"""Exact invalidation of the content response cache, for the JSON detail and the HTML page.

Each test first warms the cache (the second request of each URL makes no SQL query),
then causes one event and checks that the very next request shows its effect: publish,
draft save (no effect), unpublish, move, slug change, deletion, view restriction added
and removed, site changes, image and rendition changes, scheduled expiry and go-live.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.helpers.images import make_image

pytestmark = pytest.mark.django_db

LINK = '<p>See <a linktype="page" id="{id}">the target</a>.</p>'


def detail_url(page):
    return f"/api/v1/pages/{page.id}/"


@pytest.fixture
def warm(client, django_assert_num_queries):
    """``warm(page, html_path=None)`` requests the page's JSON and HTML twice, asserts
    that the second requests are served from the cache without a query and returns
    ``(json, html)``."""

    def fetch(page, html_path=None):
        html_path = html_path or page.url
        client.get(detail_url(page))
        client.get(html_path)
        with django_assert_num_queries(0):
            api = client.get(detail_url(page))
            html = client.get(html_path)
        assert api.status_code == html.status_code == 200
        return api.json(), html.content.decode()

    return fetch


def republish(page, **changes):
    """Save a revision of ``page`` with ``changes`` and publish it, as the editor does."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    page.refresh_from_db()
    return page


def test_publish_is_visible_on_the_very_next_request(client, warm, make_landing_page):
    page = make_landing_page(title="Badges", faqs=[("Cost?", "<p>Old answer</p>")])
    data, html = warm(page)
    assert data["faqs"][0]["answer"] == "<p>Old answer</p>"
    assert "Old answer" in html

    republish(page, faqs=[("faq", {"question": "Cost?", "answer": "<p>New answer</p>"})])

    data = client.get(detail_url(page)).json()
    html = client.get(page.url).content.decode()
    assert data["faqs"][0]["answer"] == "<p>New answer</p>"
    assert "New answer" in html and "Old answer" not in html


def test_saving_a_draft_keeps_the_cache_and_the_live_content(
    client, warm, make_landing_page, django_assert_num_queries
):
    page = make_landing_page(title="Badges", faqs=[("Cost?", "<p>Live answer</p>")])
    warm(page)
    draft = page.get_latest_revision_as_object()
    draft.title = "Draft title"
    draft.save_revision()
    with django_assert_num_queries(0):
        data = client.get(detail_url(page)).json()
        html = client.get(page.url).content.decode()
    assert data["title"] == "Badges"
    assert "Draft title" not in html


def test_unpublish(client, warm, target, linking):
    warm(target)
    _, linking_html = warm(linking)
    assert '<a href="http://localhost/target/">the target</a>' in linking_html

    target.unpublish()

    assert client.get(detail_url(target)).status_code == 404
    assert client.get("/target/").status_code == 404
    assert client.get(detail_url(linking)).json()["intro"] == "<p>See the target.</p>"
    assert "<p>See the target.</p>" in client.get(linking.url).content.decode()


def test_move(client, warm, make_landing_page, linking, target):
    section = make_landing_page(title="Section", slug="section")
    warm(target)
    warm(linking)

    target.move(section, pos="last-child")

    assert client.get(detail_url(target)).json()["url"] == "http://localhost/section/target/"
    # Wagtail's redirects app sends the old address to the new one.
    assert client.get("/target/")["Location"] == "/section/target/"
    assert "<h1>Target</h1>" in client.get("/section/target/").content.decode()
    assert client.get(detail_url(linking)).json()["intro"] == (
        '<p>See <a href="http://localhost/section/target/">the target</a>.</p>'
    )


def test_slug_change(client, warm, target, linking, django_capture_on_commit_callbacks):
    warm(target)
    warm(linking)

    # Committed: Wagtail sends page_slug_changed (and makes its redirect) on commit.
    with django_capture_on_commit_callbacks(execute=True):
        republish(target, slug="renamed")

    data = client.get(detail_url(target)).json()
    assert (data["slug"], data["url"]) == ("renamed", "http://localhost/renamed/")
    assert client.get("/target/")["Location"] == "/renamed/"
    assert "<h1>Target</h1>" in client.get("/renamed/").content.decode()
    assert 'href="http://localhost/renamed/"' in client.get(linking.url).content.decode()


def test_delete(client, warm, target, linking):
    warm(target)
    warm(linking)

    Page.objects.get(id=target.id).delete()

    assert client.get(detail_url(target)).status_code == 404
    assert client.get("/target/").status_code == 404
    assert client.get(detail_url(linking)).json()["intro"] == "<p>See the target.</p>"


@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_view_restriction_added_and_removed(client, warm, make_landing_page, on):
    section = make_landing_page(title="Section", slug="section")
    target = make_landing_page(title="Target", slug="target", parent=section)
    linking = make_landing_page(title="Linking", intro=LINK.format(id=target.id))
    warm(target)
    warm(linking)

    restriction = PageViewRestriction.objects.create(
        page=target if on == "page" else section,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )

    assert client.get(detail_url(target)).status_code == 404
    html = client.get(target.url).content.decode()
    assert "password" in html.lower() and "<h1>Target</h1>" not in html
    assert client.get(detail_url(linking)).json()["intro"] == "<p>See the target.</p>"

    restriction.delete()

    assert client.get(detail_url(target)).json()["title"] == "Target"
    assert "<h1>Target</h1>" in client.get(target.url).content.decode()
    assert client.get(detail_url(linking)).json()["intro"] == (
        '<p>See <a href="http://localhost/section/target/">the target</a>.</p>'
    )


def test_site_hostname_change(client, warm, site, target):
    warm(target)

    site.hostname = "badges.example.org"
    site.save()

    assert client.get(detail_url(target)).json()["url"] == "http://badges.example.org/target/"
    html = client.get(target.url).content.decode()
    assert '<link rel="canonical" href="http://badges.example.org/target/">' in html


def test_site_root_change_and_deletion(client, warm, site, target):
    warm(target)
    assert "<h1>Target</h1>" not in client.get("/").content.decode()

    site.root_page = target
    site.save()

    assert client.get(detail_url(target)).json()["url"] == "http://localhost/"
    assert "<h1>Target</h1>" in client.get("/").content.decode()
    assert client.get("/target/").status_code == 404

    warm(target, html_path="/")
    site.delete()

    # No site left for the request's host: the API asks for ?site= (400), no page is served.
    assert client.get(detail_url(target)).json()["error"]["field"] == "site"
    assert client.get("/").status_code == 404


def test_image_change_and_deletion(client, warm, make_landing_page):
    image = make_image(description="Old description")
    page = make_landing_page(title="Pictured", badge_image=image)
    data, html = warm(page)
    assert data["badge_image"]["alt"] == "Old description"
    assert 'alt="Old description"' in html

    image.description = "New description"
    image.save()

    assert client.get(detail_url(page)).json()["badge_image"]["alt"] == "New description"
    assert 'alt="New description"' in client.get(page.url).content.decode()

    warm(page)
    image.delete()

    assert client.get(detail_url(page)).json()["badge_image"] is None
    assert "<img" not in client.get(page.url).content.decode()


def test_rendition_deletion(client, warm, make_landing_page):
    image = make_image()
    page = make_landing_page(title="Pictured", badge_image=image)
    data, _ = warm(page)
    made = image.renditions.count()
    assert made >= 2  # at least the API's size and the template's

    image.renditions.all().delete()

    # Rendered again (queries), pointing at the renditions made anew.
    with CaptureQueriesContext(connection) as queries:
        again = client.get(detail_url(page)).json()
        html = client.get(page.url).content.decode()
    assert len(queries) > 0
    assert image.renditions.count() == made
    new_url = "http://testserver" + image.get_rendition("max-800x800").url
    assert again["badge_image"]["url"] == new_url != data["badge_image"]["url"]
    assert f'src="{image.get_rendition("max-320x320").url}"' in html


def test_scheduled_expiry_without_publish_scheduled(
    client, warm, make_landing_page, target, django_assert_num_queries
):
    now = timezone.now()
    expiring = republish(target, expire_at=now + timedelta(hours=1))
    linking = make_landing_page(title="Linking", intro=LINK.format(id=expiring.id))
    warm(expiring)
    warm(linking)

    with (
        time_machine.travel(now + timedelta(minutes=59), tick=False),
        django_assert_num_queries(0),
    ):
        assert client.get(detail_url(expiring)).status_code == 200
        assert "the target</a>" in client.get(detail_url(linking)).json()["intro"]

    with time_machine.travel(now + timedelta(hours=1), tick=False):
        assert client.get(detail_url(expiring)).status_code == 404
        assert client.get(detail_url(linking)).json()["intro"] == "<p>See the target.</p>"
        assert "<p>See the target.</p>" in client.get(linking.url).content.decode()
        assert Page.objects.get(id=expiring.id).live  # publish_scheduled has not run


def test_scheduled_go_live(client, warm, make_landing_page):
    now = timezone.now()
    upcoming = make_landing_page(title="Upcoming", slug="upcoming", publish=False)
    draft = upcoming.get_latest_revision_as_object()
    draft.go_live_at = now + timedelta(hours=1)
    draft.save_revision().publish()
    linking = make_landing_page(title="Linking", intro=LINK.format(id=upcoming.id))
    data, _ = warm(linking)
    assert data["intro"] == "<p>See the target.</p>"
    assert client.get(detail_url(upcoming)).status_code == 404

    with time_machine.travel(now + timedelta(hours=1, minutes=1), tick=False):
        call_command("publish_scheduled")

        assert client.get(detail_url(upcoming)).json()["title"] == "Upcoming"
        assert "<h1>Upcoming</h1>" in client.get("/upcoming/").content.decode()
        assert client.get(detail_url(linking)).json()["intro"] == (
            '<p>See <a href="http://localhost/upcoming/">the target</a>.</p>'
        )
