"""Privacy of badges (case C05 extended to badges): a badge is public only when it is
published and a live, public, unexpired landing page of the requested site shows it;
unpublished edits of a badge or of a page's choice of badges never reach the API."""

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges

pytestmark = pytest.mark.django_db


def listed(api_client, query=""):
    return [badge["name"] for badge in api_client.get(f"/api/v1/badges/{query}").json()["results"]]


@pytest.fixture
def public_page(make_landing_page):
    return show_badges(make_landing_page(title="Public", slug="public"), [make_badge("Shown")])


@pytest.mark.parametrize("kind", ["draft", "login", "password", "expired"])
def test_a_badge_only_a_hidden_page_shows_is_not_public(
    api_client, make_landing_page, public_page, kind
):
    hidden = make_landing_page(title=f"Hidden {kind}", slug=f"hidden-{kind}")
    show_badges(hidden, [make_badge("Secret", image=badge_art())])
    if kind == "draft":  # published once (its badge rows exist), then unpublished
        hidden.unpublish()
    if kind in ("login", "password"):
        PageViewRestriction.objects.create(page=hidden, restriction_type=kind, password="pw")
    if kind == "expired":
        type(hidden).objects.filter(pk=hidden.pk).update(
            expire_at=timezone.now() - timezone.timedelta(minutes=1)
        )
    secret = hidden.badges.get().badge
    assert listed(api_client) == ["Shown"]
    assert listed(api_client, "?search=secret") == []
    assert api_client.get(f"/api/v1/badges/{secret.id}/").status_code == 404
    assert api_client.get(f"/api/v1/badges/?page={hidden.id}").json()["count"] == 0
    for kind in ("v2/badges", "v3/achievements"):  # its Open Badges documents too
        assert api_client.get(f"/api/v1/openbadges/{kind}/{secret.id}/").status_code == 404


def test_an_unpublished_badge_on_a_public_page_is_not_public(api_client, public_page):
    draft = make_badge("Draft badge", publish=False)
    show_badges(public_page, [public_page.badges.get().badge, draft])
    assert listed(api_client) == ["Shown"]
    assert api_client.get(f"/api/v1/badges/{draft.id}/").status_code == 404
    body = api_client.get(f"/api/v1/pages/{public_page.id}/").json()
    assert [item["badge"]["name"] for item in body["badges"]] == ["Shown"]


def test_unpublished_edits_stay_private(api_client, public_page):
    badge = public_page.badges.get().badge
    badge.name = "Renamed in a draft"
    badge.save_revision()
    show_badges(public_page, [badge, make_badge("Added in a draft")], publish=False)
    assert listed(api_client) == ["Shown"]
    body = api_client.get(f"/api/v1/pages/{public_page.id}/").json()
    assert [item["badge"]["name"] for item in body["badges"]] == ["Shown"]


def test_a_badge_of_another_site_is_not_listed_for_this_one(api_client, public_page, root_page):
    other_root = root_page.add_child(title="Other root", slug="other-root")
    Site.objects.create(hostname="other.example", root_page=other_root)
    assert listed(api_client, "?site=other.example") == []
    assert listed(api_client) == ["Shown"]
