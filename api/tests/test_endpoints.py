"""The endpoints of the content API: listing (search, site, order, filters), detail,
path lookup through Wagtail's routing, and the FAQ listing."""

import pytest
from django.utils import timezone
from wagtail.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(make_landing_page, time_machine):
    """Three pages published a day apart: Cloud (oldest), Analytics, Badges (newest)."""
    start = timezone.now() - timezone.timedelta(days=3)
    made = {}
    for day, (title, slug, faqs) in enumerate(
        [
            ("Cloud", "cloud", [("Is storage included?", "<p>Storage is free.</p>")]),
            ("Analytics", "analytics", [("Which dashboards?", "<p>Insight dashboards.</p>")]),
            ("Badges", "badges", [("Is there a fee?", "<p>No fee at all.</p>")]),
        ]
    ):
        time_machine.move_to(start + timezone.timedelta(days=day))
        made[slug] = make_landing_page(title=title, slug=slug, faqs=faqs)
    time_machine.move_to(start + timezone.timedelta(days=4))
    return made


def titles(response):
    assert response.status_code == 200
    return [page["title"] for page in response.json()["results"]]


def test_listing_is_in_tree_order_by_default(api_client, pages):
    assert titles(api_client.get("/api/v1/pages/")) == ["Cloud", "Analytics", "Badges"]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("title", ["Analytics", "Badges", "Cloud"]),
        ("-title", ["Cloud", "Badges", "Analytics"]),
        ("-last_published_at", ["Badges", "Analytics", "Cloud"]),
        ("last_published_at", ["Cloud", "Analytics", "Badges"]),
        ("-first_published_at", ["Badges", "Analytics", "Cloud"]),
        ("-id", ["Badges", "Analytics", "Cloud"]),
    ],
)
def test_listing_order(api_client, pages, order, expected):
    assert titles(api_client.get(f"/api/v1/pages/?order={order}")) == expected


def test_search_covers_title_intro_and_faq_text(api_client, pages, make_landing_page):
    make_landing_page(title="Intro only", intro="<p>Our quokka programme.</p>")
    assert titles(api_client.get("/api/v1/pages/?search=analytics")) == ["Analytics"]
    assert titles(api_client.get("/api/v1/pages/?search=storage")) == ["Cloud"]
    assert titles(api_client.get("/api/v1/pages/?search=quokka")) == ["Intro only"]
    assert titles(api_client.get("/api/v1/pages/?search=nothing-like-this")) == []
    response = api_client.get("/api/v1/pages/?search=fee&order=title")
    assert titles(response) == ["Badges"]


@pytest.mark.parametrize("search", ['"', "*", "(", "AND", "a OR", "-", "'", "~!@#$%^&*()"])
def test_search_syntax_never_breaks_the_listing(api_client, pages, search):
    response = api_client.get("/api/v1/pages/", {"search": search})
    assert response.status_code == 200
    response = api_client.get("/api/v1/faqs/", {"search": search})
    assert response.status_code == 200


def test_filters(api_client, pages):
    assert titles(api_client.get("/api/v1/pages/?slug=cloud")) == ["Cloud"]
    assert titles(api_client.get(f"/api/v1/pages/?id={pages['badges'].id}")) == ["Badges"]
    assert titles(api_client.get("/api/v1/pages/?locale=en")) == ["Cloud", "Analytics", "Badges"]


def test_site_parameter_selects_the_site(api_client, pages, make_landing_page, root_page):
    home = make_landing_page(title="Partner home", slug="partner", parent=root_page)
    make_landing_page(title="Partner badges", slug="more", parent=home)
    Site.objects.create(hostname="partner.example", port=8080, root_page=home)
    response = api_client.get("/api/v1/pages/?site=partner.example")
    assert titles(response) == ["Partner home", "Partner badges"]
    assert response.json()["results"][1]["url"] == "http://partner.example:8080/more/"
    assert titles(api_client.get("/api/v1/pages/?site=PARTNER.example:8080")) == [
        "Partner home",
        "Partner badges",
    ]
    assert api_client.get("/api/v1/pages/?site=partner.example:80").status_code == 400
    assert titles(api_client.get("/api/v1/pages/?site=localhost")) == [
        "Cloud",
        "Analytics",
        "Badges",
    ]


def test_detail_has_the_documented_fields(api_client, pages):
    page = pages["badges"]
    data = api_client.get(f"/api/v1/pages/{page.id}/").json()
    assert list(data) == [
        "id",
        "title",
        "slug",
        "url",
        "seo_title",
        "search_description",
        "intro_heading",
        "intro",
        "certification_links",
        "badge_image",
        "badges_heading",
        "badges",
        "faq_heading",
        "faqs",
        "structured_data",
        "badges_structured_data",
        "last_published_at",
    ]
    assert (data["id"], data["slug"], data["url"]) == (
        page.id,
        "badges",
        "http://localhost/badges/",
    )
    assert list(data["faqs"][0]) == ["id", "question", "answer", "answer_text"]


def test_path_lookup_uses_wagtail_routing(api_client, pages, make_landing_page, client):
    child = make_landing_page(title="Cloud storage", slug="storage", parent=pages["cloud"])
    for path in ("/cloud/storage/", "/cloud/storage", "//cloud//storage/"):
        response = api_client.get("/api/v1/pages/by-path/", {"path": path})
        assert response.status_code == 200, path
        assert response.json()["id"] == child.id
        assert response.json()["url"] == "http://localhost/cloud/storage/"
    assert client.get("/cloud/storage/").status_code == 200
    response = api_client.get("/api/v1/pages/by-path/", {"path": "/cloud/missing/"})
    assert response.status_code == 404
    assert client.get("/cloud/missing/").status_code == 404


def test_path_lookup_of_the_site_root(api_client, seed_page):
    response = api_client.get("/api/v1/pages/by-path/?path=/")
    assert response.status_code == 200
    assert response.json()["title"] == "Digital Badges"


def test_path_lookup_of_a_page_that_is_not_a_landing_page_is_404(api_client, site):
    # The default site's root is Wagtail's welcome page, a plain Page.
    response = api_client.get("/api/v1/pages/by-path/?path=/")
    assert response.status_code == 404


def test_path_lookup_on_another_site(api_client, pages, make_landing_page, root_page):
    home = make_landing_page(title="Partner home", slug="partner", parent=root_page)
    make_landing_page(title="Cloud", slug="cloud", parent=home)
    Site.objects.create(hostname="partner.example", port=80, root_page=home)
    response = api_client.get("/api/v1/pages/by-path/?path=/cloud/&site=partner.example")
    assert response.json()["url"] == "http://partner.example/cloud/"
    response = api_client.get("/api/v1/pages/by-path/?path=/cloud/", HTTP_HOST="partner.example")
    assert response.json()["url"] == "http://partner.example/cloud/"
    response = api_client.get("/api/v1/pages/by-path/?path=/cloud/")
    assert response.json()["url"] == "http://localhost/cloud/"


def test_faq_listing_carries_the_page_of_each_item(api_client, pages):
    data = api_client.get("/api/v1/faqs/").json()
    assert data["count"] == 3
    assert [item["question"] for item in data["results"]] == [
        "Is storage included?",
        "Which dashboards?",
        "Is there a fee?",
    ]
    assert data["results"][2]["page"] == {
        "id": pages["badges"].id,
        "title": "Badges",
        "url": "http://localhost/badges/",
    }
    assert data["results"][2]["answer"] == "<p>No fee at all.</p>"
    assert data["results"][2]["answer_text"] == "No fee at all."


def test_faq_search_returns_the_matching_items(api_client, pages, make_landing_page):
    make_landing_page(
        title="More",
        faqs=[("Is storage encrypted?", "<p>Yes.</p>"), ("Who are we?", "<p>People.</p>")],
    )
    data = api_client.get("/api/v1/faqs/?search=storage").json()
    assert [item["question"] for item in data["results"]] == [
        "Is storage included?",
        "Is storage encrypted?",
    ]
    data = api_client.get("/api/v1/faqs/?search=FREE storage").json()
    assert [item["question"] for item in data["results"]] == ["Is storage included?"]
    data = api_client.get(f"/api/v1/faqs/?page={pages['analytics'].id}").json()
    assert [item["question"] for item in data["results"]] == ["Which dashboards?"]
