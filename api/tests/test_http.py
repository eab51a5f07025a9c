"""HTTP semantics of the content API: conditional requests (RFC 9110), caching headers,
CORS on /api/ only, methods, content negotiation and throttling."""

import hashlib
import time

import pytest
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/pages/",
    "/api/v1/pages/{id}/",
    "/api/v1/pages/by-path/?path=/badges/",
    "/api/v1/faqs/?search=question",
]


@pytest.fixture
def page(make_landing_page):
    return make_landing_page(title="Badges", slug="badges", faqs=[("A question?", "<p>Yes</p>")])


def url_of(endpoint, page):
    return endpoint.format(id=page.id)


@pytest.fixture
def settled(api_client, time_machine):
    """``settled(url)``: request ``url`` (the server sees the latest change), then move
    the clock two seconds on: ``Last-Modified`` is sent only once the second of the
    last change is over (see test_conditional_requests.py)."""

    def settle(url):
        api_client.get(url)
        time_machine.move_to(timezone.now() + timezone.timedelta(seconds=2))

    return settle


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_success_carries_validators_and_cache_headers(
    api_client, page, badgecms_settings, settled, endpoint
):
    badgecms_settings(API_CACHE_MAX_AGE=120)
    settled(url_of(endpoint, page))
    response = api_client.get(url_of(endpoint, page))
    assert response.status_code == 200
    assert response["ETag"] == f'"{hashlib.md5(response.content).hexdigest()}"'  # noqa: S324
    assert not response["ETag"].startswith("W/")
    # The publication, or the audit log entry written just after it.
    last_modified = parse_http_date(response["Last-Modified"])
    assert int(page.last_published_at.timestamp()) <= last_modified <= time.time()
    assert last_modified - page.last_published_at.timestamp() < 5
    assert response["Cache-Control"] == "public, max-age=120"
    assert [value.strip().lower() for value in response["Vary"].split(",")] == [
        "accept",
        "origin",
    ]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_if_none_match_gives_304(api_client, page, endpoint):
    url = url_of(endpoint, page)
    first = api_client.get(url)
    response = api_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == first["ETag"]
    assert response["Cache-Control"] == first["Cache-Control"]
    other = api_client.get(url, HTTP_IF_NONE_MATCH='"something-else", W/"x"')
    assert other.status_code == 200
    assert api_client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 304


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_if_modified_since_gives_304_until_content_changes(api_client, page, settled, endpoint):
    url = url_of(endpoint, page)
    settled(url)
    first = api_client.get(url)
    response = api_client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 304
    earlier = http_date(parse_http_date(first["Last-Modified"]) - 60)
    assert api_client.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    assert api_client.get(url, HTTP_IF_MODIFIED_SINCE="not a date").status_code == 200
    # If-None-Match takes precedence over If-Modified-Since (RFC 9110 section 13.2.2).
    response = api_client.get(
        url, HTTP_IF_NONE_MATCH='"stale"', HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert response.status_code == 200


def test_publishing_a_change_changes_etag_and_last_modified(
    api_client, page, settled, time_machine
):
    url = f"/api/v1/pages/{page.id}/"
    settled(url)
    first = api_client.get(url)
    time_machine.move_to(timezone.now() + timezone.timedelta(minutes=5))
    page.title = "Renamed badges"
    page.save_revision().publish()
    response = api_client.get(
        url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Renamed badges"
    assert response["ETag"] != first["ETag"]
    time_machine.move_to(timezone.now() + timezone.timedelta(seconds=2))
    response = api_client.get(url)
    assert parse_http_date(response["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    response = api_client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200


def test_unpublishing_a_listed_page_moves_last_modified(
    api_client, page, make_landing_page, settled, time_machine
):
    other = make_landing_page(title="Other")
    settled("/api/v1/pages/")
    first = api_client.get("/api/v1/pages/")
    time_machine.move_to(timezone.now() + timezone.timedelta(minutes=5))
    other.unpublish()
    response = api_client.get("/api/v1/pages/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_expiry_moves_last_modified(api_client, page, make_landing_page, settled, time_machine):
    expiring = make_landing_page(
        title="Expiring", expire_at=timezone.now() + timezone.timedelta(minutes=1)
    )
    settled("/api/v1/pages/")
    first = api_client.get("/api/v1/pages/")
    assert first.json()["count"] == 2
    time_machine.move_to(expiring.expire_at + timezone.timedelta(minutes=1))
    response = api_client.get("/api/v1/pages/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_head_has_the_headers_of_get_and_no_body(api_client, page, settled):
    url = f"/api/v1/pages/{page.id}/"
    settled(url)
    get = api_client.get(url)
    head = api_client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    for header in ("ETag", "Last-Modified", "Cache-Control", "Content-Type"):
        assert head[header] == get[header]
    assert api_client.head(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_405_with_the_error_body(api_client, page, method):
    response = getattr(api_client, method)(f"/api/v1/pages/{page.id}/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Cache-Control"] == "no-store"


def test_errors_are_not_stored_by_shared_caches(api_client, page):
    for url in ("/api/v1/pages/987654/", "/api/v1/pages/?limit=abc", "/api/v1/elsewhere/"):
        response = api_client.get(url)
        assert response["Cache-Control"] == "no-store"
        assert "ETag" not in response


def test_only_json_is_served(api_client, page):
    response = api_client.get(f"/api/v1/pages/{page.id}/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response.json()["error"]["code"] == "not_acceptable"
    response = api_client.get(f"/api/v1/pages/{page.id}/", HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"


@pytest.fixture
def cors_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://frontend.example"]
    return "https://frontend.example"


def test_cors_allows_the_configured_origins_on_the_api(api_client, page, cors_origin):
    response = api_client.get("/api/v1/pages/", HTTP_ORIGIN=cors_origin)
    assert response["Access-Control-Allow-Origin"] == cors_origin
    assert response["Access-Control-Expose-Headers"] == "ETag, Retry-After"
    preflight = api_client.options(
        "/api/v1/pages/",
        HTTP_ORIGIN=cors_origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == cors_origin
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]


def test_cors_refuses_other_origins_and_the_admin(api_client, client, page, cors_origin):
    response = api_client.get("/api/v1/pages/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response
    for path in ("/admin/login/", "/badges/"):
        response = client.get(path, HTTP_ORIGIN=cors_origin)
        assert "Access-Control-Allow-Origin" not in response
        assert "origin" not in response.get("Vary", "").lower()


def test_anonymous_clients_are_throttled_with_retry_after(api_client, page, badgecms_settings):
    badgecms_settings(API_THROTTLE_RATE="3/minute")
    statuses = [api_client.get("/api/v1/pages/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api_client.get(f"/api/v1/pages/{page.id}/")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"
    # Another client (IP address) has its own allowance.
    other = api_client.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(
    api_client, page, badgecms_settings
):
    """Regression (adversarial review): each request with a new X-Forwarded-For value
    counted as a new client."""
    badgecms_settings(API_THROTTLE_RATE="2/minute")
    statuses = [
        api_client.get("/api/v1/pages/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    # Behind one trusted proxy, the address it saw (the last entry) is the client.
    badgecms_settings(API_THROTTLE_RATE="2/minute", API_THROTTLE_PROXIES=1)
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.50, 198.51.100.9"}
    assert api_client.get("/api/v1/pages/", **forwarded).status_code == 200
    assert api_client.get("/api/v1/pages/", **forwarded).status_code == 200
    assert api_client.get("/api/v1/pages/", **forwarded).status_code == 429


def test_saving_a_draft_does_not_move_last_modified(
    api_client, page, make_landing_page, settled, time_machine
):
    """Draft work must neither invalidate caches nor reveal that editors are busy."""
    other = make_landing_page(title="Other")
    url = f"/api/v1/pages/{page.id}/"
    settled(url)
    first = api_client.get(url)
    time_machine.move_to(timezone.now() + timezone.timedelta(hours=2))
    draft = other.get_latest_revision_as_object()
    draft.title = "Secret new title"
    draft.save_revision(log_action=True)
    page.get_latest_revision_as_object().save_revision(log_action=True)
    response = api_client.get(url)
    assert response["Last-Modified"] == first["Last-Modified"]
    assert response["ETag"] == first["ETag"]
    assert api_client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
