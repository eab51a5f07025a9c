"""Dashboard panels (issue 7, point 4): landing pages with status and URLs, and the
warning panel for placeholder certification links."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from badgecms.home.editors.dashboard import landing_page_rows
from tests.helpers.editor_forms import editor_form_data

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)
ACME = [
    ("Acme badges", "Credly certifications", "https://www.credly.com/organizations/acme/badges")
]


def rows_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return landing_page_rows(request)


@pytest.fixture
def pages(seed_page, editor, make_landing_page, client):
    """The seed page (live) and, under it, a page in review with draft changes, a draft,
    a scheduled page and a live page that expires."""
    in_review = make_landing_page("In review", parent=seed_page, links=ACME)
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[in_review.id]),
        editor_form_data(in_review, title="In review, changed", action="submit"),
    )
    assert response.status_code == 302
    draft = make_landing_page("Draft", parent=seed_page, publish=False, links=ACME)
    scheduled = make_landing_page(
        "Scheduled",
        parent=seed_page,
        publish=False,
        links=ACME,
        go_live_at=NOW + datetime.timedelta(days=2),
    )
    scheduled.get_latest_revision().publish()
    expiring = make_landing_page(
        "Expiring", parent=seed_page, links=ACME, expire_at=NOW + datetime.timedelta(days=30)
    )
    return {"in_review": in_review, "draft": draft, "scheduled": scheduled, "expiring": expiring}


@time_machine.travel(NOW, tick=False)
def test_rows_give_status_and_urls(pages, seed_page, editor):
    rows = {row["page"].title: row for row in rows_for(editor)}
    assert {title: row["statuses"] for title, row in rows.items()} == {
        "Digital Badges": ["live"],
        "In review": ["live", "draft changes", "in review"],
        "Draft": ["draft"],
        "Scheduled": ["draft", "scheduled"],
        "Expiring": ["live", "expires 2030-02-14 09:00 UTC"],
    }
    root = rows["Digital Badges"]
    assert root["public_url"] == "http://localhost/"
    assert root["api_url"] == f"http://testserver/api/v1/pages/{seed_page.id}/"
    assert root["faq_count"] == 13
    assert root["warnings"][0].startswith("Certification link “Tencent Cloud Certification Link”")
    assert rows["In review"]["public_url"] == "http://localhost/in-review/"
    assert rows["Draft"]["public_url"] is None
    assert rows["Draft"]["warnings"] == []


@time_machine.travel(NOW, tick=False)
def test_rows_cost_a_fixed_number_of_queries(
    pages, seed_page, editor, make_landing_page, django_assert_num_queries
):
    def fresh_editor():  # no permissions cached on the user object
        return type(editor).objects.get(pk=editor.pk)

    rows_for(fresh_editor())  # warms the site root paths cache
    # user's page permissions, pages, certification links, workflow states
    user = fresh_editor()
    with django_assert_num_queries(4):
        assert len(rows_for(user)) == 5
    for number in range(4):
        make_landing_page(f"More {number}", parent=seed_page, links=ACME)
    rows_for(fresh_editor())
    user = fresh_editor()
    with django_assert_num_queries(4):
        assert len(rows_for(user)) == 9


@time_machine.travel(NOW, tick=False)
def test_dashboard_shows_both_panels(pages, seed_page, editor, client):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'id="landing-pages-heading"' in html or "Landing pages" in html
    assert f'data-page-id="{pages["in_review"].id}"' in html
    assert '<span class="w-status">in review</span>' in html
    assert '<span class="w-status">scheduled</span>' in html
    assert f"http://testserver/api/v1/pages/{seed_page.id}/" in html
    assert "Certification links to check" in html
    assert "tencent-cloud-llc" in html


def test_no_placeholder_panel_when_links_are_real(seed_page, editor, client):
    seed_page.certification_links.update(url="https://www.credly.com/organizations/acme/badges")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Landing pages" in html
    assert "Certification links to check" not in html


def test_a_past_expiry_date_is_not_announced(seed_page, editor):
    seed_page.expire_at = timezone.now() - datetime.timedelta(days=1)
    seed_page.save()
    assert rows_for(editor)[0]["statuses"] == ["live"]
