"""The badge endpoints (``/api/v1/badges/``) and the badges of the page detail: shapes,
order, filters, search, pagination, errors, caching headers and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from badgecms.api.serializers import LandingPageSerializer
from badgecms.home.models import BadgeLandingPage, LandingPageBadge
from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_landing_page):
    """A published page showing three published badges (Gamma first, under "Cloud")."""
    art = badge_art(description="Hexagon")
    alpha = make_badge(
        "Alpha",
        skills=["Networking", "Cloud"],
        level="Foundational",
        badge_type="Learning",
        image=art,
        image_alt="Alpha art",
        description='<p>Learn <a href="https://example.org/x">the basics</a>.</p>',
        criteria_narrative="Finish the course.",
        criteria_url="https://example.org/criteria",
        time_to_earn="10 hours",
        cost="Free",
        validity="2 years",
        earn_url="https://example.org/earn/alpha",
        activities=[("Education", "Online course", "https://example.org/course")],
    )
    beta = make_badge("Beta", skills=["Data"], level="Advanced")
    gamma = make_badge("Gamma", skills=["Cloud"], level="Intermediate")
    gamma.prerequisites.set([alpha])
    gamma.save_revision().publish()
    page = show_badges(make_landing_page(), [gamma, alpha, beta], {0: "Cloud", 2: "Data"})
    return page, alpha, beta, gamma


def test_the_listing_gives_public_badges_by_name(api_client, catalogue):
    page, alpha, beta, gamma = catalogue
    body = api_client.get("/api/v1/badges/").json()
    assert body["count"] == 3
    assert body["next"] is None
    assert [badge["name"] for badge in body["results"]] == ["Alpha", "Beta", "Gamma"]
    first = body["results"][0]
    assert first["id"] == alpha.id
    assert first["slug"] == "alpha"
    assert first["description"] == '<p>Learn <a href="https://example.org/x">the basics</a>.</p>'
    assert first["skills"] == ["Cloud", "Networking"]
    assert first["level"] == "Foundational"
    assert first["type"] == "Learning"
    assert first["time_to_earn"] == "10 hours"
    assert first["cost"] == "Free"
    assert first["validity"] == "2 years"
    assert first["criteria"] == {
        "narrative": "Finish the course.",
        "url": "https://example.org/criteria",
    }
    assert first["activities"] == [
        {"type": "Education", "title": "Online course", "url": "https://example.org/course"}
    ]
    assert first["prerequisites"] == []
    assert first["earn_url"] == "https://example.org/earn/alpha"
    assert first["credly"] is None
    assert first["image"]["alt"] == "Alpha art"
    assert first["image"]["url"].startswith("http://testserver/")
    assert (first["image"]["width"], first["image"]["height"]) == (400, 400)
    assert set(first["image"]["renditions"]) == {"small", "medium", "large"}
    gamma_json = body["results"][2]
    assert gamma_json["prerequisites"] == [{"id": alpha.id, "name": "Alpha", "slug": "alpha"}]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("skill=cloud", ["Alpha", "Gamma"]),
        ("level=advanced", ["Beta"]),
        ("search=basics", ["Alpha"]),
        ("search=gamma", ["Gamma"]),
        ("search=networking", ["Alpha"]),
        ("search=%22%28", []),
        ("limit=2", ["Alpha", "Beta"]),
        ("limit=2&offset=2", ["Gamma"]),
    ],
)
def test_the_listing_filters_searches_and_paginates(api_client, catalogue, query, names):
    body = api_client.get(f"/api/v1/badges/?{query}").json()
    assert [badge["name"] for badge in body["results"]] == names


def test_the_page_filter_gives_only_that_pages_badges(api_client, catalogue, make_landing_page):
    page = catalogue[0]
    other = show_badges(make_landing_page(title="Other", slug="other"), [make_badge("Delta")])
    body = api_client.get(f"/api/v1/badges/?page={other.id}").json()
    assert [badge["name"] for badge in body["results"]] == ["Delta"]
    body = api_client.get(f"/api/v1/badges/?page={page.id}").json()
    assert body["count"] == 3


def test_pagination_links_carry_the_limit(api_client, catalogue):
    body = api_client.get("/api/v1/badges/?limit=1&offset=1").json()
    assert body["next"] == "http://testserver/api/v1/badges/?limit=1&offset=2"
    assert body["previous"] == "http://testserver/api/v1/badges/?limit=1"


@pytest.mark.parametrize(
    ("query", "field"),
    [("levle=x", "levle"), ("page=0", "page"), ("limit=0", "limit"), ("skill=a&skill=b", "skill")],
)
def test_a_bad_parameter_gives_400_naming_it(api_client, catalogue, query, field):
    response = api_client.get(f"/api/v1/badges/?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["field"] == field


def test_the_detail_gives_one_badge(api_client, catalogue):
    alpha = catalogue[1]
    response = api_client.get(f"/api/v1/badges/{alpha.id}/")
    assert response.status_code == 200
    assert response.json()["name"] == "Alpha"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    again = api_client.get(
        f"/api/v1/badges/{alpha.id}/", HTTP_IF_NONE_MATCH=response.headers["ETag"]
    )
    assert again.status_code == 304


def test_an_unknown_badge_id_gives_404(api_client, catalogue):
    for url in ("/api/v1/badges/999999/", f"/api/v1/badges/{2**63}/"):
        response = api_client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_the_page_detail_shows_its_badges_in_order(api_client, catalogue):
    page = catalogue[0]
    body = api_client.get(f"/api/v1/pages/{page.id}/").json()
    assert body["badges_heading"] == "Badges you can earn"
    assert [(item["group_heading"], item["badge"]["name"]) for item in body["badges"]] == [
        ("Cloud", "Gamma"),
        ("", "Alpha"),
        ("Data", "Beta"),
    ]
    assert body["badges"][1]["badge"]["image"]["renditions"]["small"]["width"] == 400


def test_an_unpublished_badge_leaves_the_page_and_the_listing(api_client, catalogue):
    page, alpha, beta, gamma = catalogue
    beta.unpublish()
    assert [b["name"] for b in api_client.get("/api/v1/badges/").json()["results"]] == [
        "Alpha",
        "Gamma",
    ]
    body = api_client.get(f"/api/v1/pages/{page.id}/").json()
    assert [item["badge"]["name"] for item in body["badges"]] == ["Gamma", "Alpha"]


def test_a_published_badge_change_reaches_the_cached_listing(api_client, catalogue, settings):
    settings.BADGECMS = {**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 600}
    alpha = catalogue[1]
    assert api_client.get("/api/v1/badges/").json()["results"][0]["level"] == "Foundational"
    alpha.level = "Expert"
    alpha.save_revision().publish()
    assert api_client.get("/api/v1/badges/").json()["results"][0]["level"] == "Expert"


def test_the_listing_costs_the_same_queries_for_3_or_13_badges(
    api_client, catalogue, settings, django_assert_max_num_queries
):
    settings.BADGECMS = {**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 0}
    api_client.get("/api/v1/badges/")  # renditions created
    with CaptureQueriesContext(connection) as queries:
        api_client.get("/api/v1/badges/")
    three = len(queries.captured_queries)
    page = catalogue[0]
    more = [make_badge(f"Extra {n}", skills=["X"], image=badge_art()) for n in range(10)]
    show_badges(page, [item.badge for item in page.badges.all()] + more)
    api_client.get("/api/v1/badges/?limit=100")
    with django_assert_max_num_queries(three):
        body = api_client.get("/api/v1/badges/?limit=100").json()
    assert body["count"] == 13
    assert three <= 12


def test_the_page_detail_costs_the_same_queries_for_3_or_13_badges(
    api_client, catalogue, settings, django_assert_max_num_queries
):
    settings.BADGECMS = {**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 0}
    page = catalogue[0]
    url = f"/api/v1/pages/{page.id}/"
    api_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        api_client.get(url)
    three = len(queries.captured_queries)
    more = [make_badge(f"Extra {n}", skills=["X"], image=badge_art()) for n in range(10)]
    show_badges(page, [item.badge for item in page.badges.all()] + more)
    api_client.get(url)
    with django_assert_max_num_queries(three):
        body = api_client.get(url).json()
    assert len(body["badges"]) == 13


def test_an_unsaved_preview_page_shows_its_unsaved_badge_choice(catalogue):
    """Regression: an unsaved page (no primary key) cannot be a dict key; its in-memory
    choice of badges is what a preview shows."""
    alpha = catalogue[1]
    page = BadgeLandingPage(title="Unsaved", slug="unsaved")
    page.badges = [LandingPageBadge(badge=alpha, group_heading="New", sort_order=0)]
    request = APIRequestFactory().get("/")
    data = LandingPageSerializer(page, context={"request": request}).data
    assert [(item["group_heading"], item["badge"]["name"]) for item in data["badges"]] == [
        ("New", "Alpha")
    ]
