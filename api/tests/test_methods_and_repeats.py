"""C22 (methods) and C23 (repeated parameters): every method on every route under
``/api/`` answers without a 5xx, and a query parameter given twice is a 400 naming it,
on every endpoint that takes parameters (the preview's ``?token=a&token=b`` included).

Uses Django's plain test client, which returns the 500 response instead of raising.
"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
ROUTES = [
    "/api/v1/pages/",
    "/api/v1/pages/by-path/?path=/",
    "/api/v1/pages/{id}/",
    "/api/v1/faqs/",
    "/api/v1/schema/",
    "/api/v1/docs/",
    "/api/v1/preview/?token=x",
    "/api/v1/elsewhere/",
    "/api/v1/",
    "/api/",
]


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("route", ROUTES)
def test_no_method_on_any_route_answers_5xx(anonymous, seed_page, route):
    path = route.format(id=seed_page.id)
    statuses = {
        method: anonymous.generic(method, path, b"{}", content_type="application/json").status_code
        for method in METHODS
    }
    assert all(status < 500 for status in statuses.values()), statuses
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert statuses[method] in (403, 404, 405), (method, statuses)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/pages/?slug=a&slug=b", "slug"),
        ("/api/v1/pages/?limit=1&offset=0&limit=2", "limit"),
        ("/api/v1/pages/{id}/?site=localhost&site=localhost", "site"),
        ("/api/v1/pages/by-path/?path=/&path=/x/", "path"),
        ("/api/v1/faqs/?search=a&search=b", "search"),
        ("/api/v1/preview/?token=a&token=b", "token"),
    ],
)
def test_a_repeated_query_parameter_is_a_400_naming_it(client, seed_page, url, name):
    response = client.get(url.format(id=seed_page.id))
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid_parameter",
            "message": f"Query parameter “{name}” is given more than once.",
            "field": name,
        }
    }
