"""Bad input (case C02) and pagination (case C03) of the content API.

Every bad query parameter, on every endpoint, gives 400 with the error body naming it,
never a 500; a too-large ``limit`` is clamped to the documented maximum. These tests
also run on PostgreSQL (``DATABASE_URL=postgres://…``), where a NUL character in a query
would otherwise raise in the database driver.
"""

import pytest

from badgecms.api.params import MAX_LIMIT

pytestmark = pytest.mark.django_db

LIST_ENDPOINTS = ["/api/v1/pages/", "/api/v1/faqs/"]

BAD_PARAMETERS = [
    ("limit=abc", "limit"),
    ("limit=", "limit"),
    ("limit=0", "limit"),
    ("limit=-1", "limit"),
    ("limit=1.5", "limit"),
    ("limit=%00", "limit"),
    ("offset=-5", "offset"),
    ("offset=abc", "offset"),
    ("offset=99999999999999999999", "offset"),
    ("site=nowhere.example", "site"),
    ("site=localhost:99999", "site"),
    ("site=%00", "site"),
    ("search=faq%00x", "search"),
    ("colour=red", "colour"),
    ("format=json", "format"),
    ("limit=1&limit=2", "limit"),
    ("col%00our=red", "col\x00our"),
]

PAGE_LIST_ONLY = [
    ("id=1.5", "id"),
    ("id=abc", "id"),
    ("id=0", "id"),
    ("id=99999999999999999999", "id"),
    ("slug=faq%00x", "slug"),
    ("locale=zz-zz", "locale"),
    ("locale=%00", "locale"),
    ("order=colour", "order"),
    ("order=-", "order"),
]

FAQ_LIST_ONLY = [("page=1.5", "page"), ("page=abc", "page"), ("page=-1", "page")]

PATH_LOOKUP = [
    ("", "path"),
    ("path=", "path"),
    ("path=faq", "path"),
    ("path=/faq%00x/", "path"),
    ("path=%00", "path"),
    ("path=/faq/%3Fx=1", "path"),
    ("path=/x&site=nowhere.example", "site"),
    ("path=/&limit=1", "limit"),
]


def assert_bad_parameter(api_client, url, field):
    response = api_client.get(url)
    assert response.status_code == 400, (url, response.content)
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["field"] == field
    assert field in error["message"]


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
@pytest.mark.parametrize(("query", "field"), BAD_PARAMETERS)
def test_bad_listing_parameters_are_400_naming_the_parameter(
    api_client, seed_page, endpoint, query, field
):
    assert_bad_parameter(api_client, f"{endpoint}?{query}", field)


@pytest.mark.parametrize(("query", "field"), PAGE_LIST_ONLY)
def test_bad_page_filters_are_400_naming_the_parameter(api_client, seed_page, query, field):
    assert_bad_parameter(api_client, f"/api/v1/pages/?{query}", field)


@pytest.mark.parametrize(("query", "field"), FAQ_LIST_ONLY)
def test_bad_faq_filters_are_400_naming_the_parameter(api_client, seed_page, query, field):
    assert_bad_parameter(api_client, f"/api/v1/faqs/?{query}", field)


@pytest.mark.parametrize(("query", "field"), PATH_LOOKUP)
def test_bad_path_lookups_are_400_naming_the_parameter(api_client, seed_page, query, field):
    assert_bad_parameter(api_client, f"/api/v1/pages/by-path/?{query}", field)


@pytest.mark.parametrize(
    ("query", "field"), [("colour=red", "colour"), ("site=%00", "site"), ("limit=1", "limit")]
)
def test_bad_detail_parameters_are_400_naming_the_parameter(api_client, seed_page, query, field):
    assert_bad_parameter(api_client, f"/api/v1/pages/{seed_page.id}/?{query}", field)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/pages/abc/",
        "/api/v1/pages/1.5/",
        "/api/v1/pages/%00/",
        "/api/v1/pages/99999999999999999999999/",
        "/api/v1/pages/by-path/%00/",
        "/api/v1/nothing-here/",
    ],
)
def test_bad_paths_under_the_api_are_json_404s(api_client, seed_page, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_valid_filters_are_accepted(api_client, seed_page):
    query = f"id={seed_page.id}&slug=home&locale=EN&order=-title&search=&site=localhost"
    response = api_client.get(f"/api/v1/pages/?{query}")
    assert response.status_code == 200
    assert [page["id"] for page in response.json()["results"]] == [seed_page.id]


def test_a_too_large_limit_is_clamped_to_the_documented_maximum(
    api_client, make_landing_page, seed_page
):
    for number in range(MAX_LIMIT + 1):
        make_landing_page(title=f"Page {number}")
    response = api_client.get("/api/v1/pages/?limit=100000")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == MAX_LIMIT + 2
    assert len(data["results"]) == MAX_LIMIT
    assert data["next"] == f"http://testserver/api/v1/pages/?limit={MAX_LIMIT}&offset={MAX_LIMIT}"


@pytest.fixture
def three_pages(site, make_landing_page):
    # The default site's root is Wagtail's welcome page (not a landing page): exactly the
    # three published landing pages below are listed.
    return [make_landing_page(title=title) for title in ("Alpha", "Bravo", "Charlie")]


def test_c03_offset_past_the_end_gives_empty_results(api_client, three_pages):
    response = api_client.get("/api/v1/pages/?limit=2&offset=18")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert data["results"] == []
    assert data["next"] is None
    assert data["previous"] == "http://testserver/api/v1/pages/?limit=2&offset=1"


def test_c03_links_carry_the_limit_actually_applied(api_client, three_pages):
    data = api_client.get("/api/v1/pages/?limit=2&offset=1").json()
    assert data["count"] == 3
    assert [page["title"] for page in data["results"]] == ["Bravo", "Charlie"]
    assert data["next"] is None
    assert data["previous"] == "http://testserver/api/v1/pages/?limit=2"

    data = api_client.get("/api/v1/pages/?limit=2").json()
    assert [page["title"] for page in data["results"]] == ["Alpha", "Bravo"]
    assert data["next"] == "http://testserver/api/v1/pages/?limit=2&offset=2"
    assert data["previous"] is None

    data = api_client.get("/api/v1/pages/?offset=1").json()
    assert len(data["results"]) == 2
    assert data["previous"] == "http://testserver/api/v1/pages/?limit=20"


def test_c03_links_keep_the_other_parameters(api_client, three_pages):
    data = api_client.get("/api/v1/pages/?order=-title&limit=1&offset=1").json()
    assert [page["title"] for page in data["results"]] == ["Bravo"]
    assert data["next"] == "http://testserver/api/v1/pages/?limit=1&offset=2&order=-title"
    assert data["previous"] == "http://testserver/api/v1/pages/?limit=1&order=-title"


def test_c03_faq_listing_paginates_the_same_way(api_client, make_landing_page):
    make_landing_page(title="Questions", faqs=[(f"Q{n}?", f"<p>A{n}</p>") for n in range(3)])
    data = api_client.get("/api/v1/faqs/?limit=2&offset=18").json()
    assert (data["count"], data["results"], data["next"]) == (3, [], None)
    assert data["previous"] == "http://testserver/api/v1/faqs/?limit=2&offset=1"
    data = api_client.get("/api/v1/faqs/?limit=2&offset=1").json()
    assert [item["question"] for item in data["results"]] == ["Q1?", "Q2?"]
    assert data["previous"] == "http://testserver/api/v1/faqs/?limit=2"
