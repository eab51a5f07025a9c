"""C22 (methods) and C23 (repeated parameters): every method on every route under
``/api/`` answers without a 5xx, and a query parameter given twice is a 400 naming it,
on every endpoint that takes parameters (the preview's ``?token=a&token=b`` included).

Uses Django's plain test client, which returns the 500 response instead of raising.
"""

import re

import pytest
from django.test import Client

from badgecms.api.urls import urlpatterns

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
#: Values for the URL patterns' parameters (ids that exist or not: either must hold).
PARAMETERS = {"pk": "1", "key": "no-such-link"}
#: Query strings a route needs to reach its view's own checks.
QUERIES = {"pages/by-path/": "?path=/", "preview/": "?token=x"}


def api_routes():
    """Every route of the content API's URLconf as a path, so a new route is covered."""
    routes = []
    for pattern in urlpatterns:
        route = str(pattern.pattern).lstrip("^")
        for name, value in PARAMETERS.items():
            route = re.sub(rf"<(?:\w+:)?{name}>", value, route)
        assert "<" not in route, f"no test value for a parameter of {route}"
        routes.append(f"/api/v1/{route}{QUERIES.get(route, '')}")
    return [*routes, "/api/v1/elsewhere/"]


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


def test_every_route_of_the_api_is_probed():
    assert "/api/v1/review/no-such-link/" in api_routes()
    assert len(api_routes()) == len(urlpatterns) + 1


def test_no_method_outside_the_api_version_answers_5xx(anonymous, site):
    """``/api/`` itself is the host site's (Wagtail's page 404), not the API's."""
    statuses = {method: anonymous.generic(method, "/api/").status_code for method in METHODS}
    assert all(status < 500 for status in statuses.values()), statuses


@pytest.mark.parametrize("route", api_routes())
def test_no_method_on_any_route_answers_5xx_and_refusals_are_json(anonymous, seed_page, route):
    responses = {
        method: anonymous.generic(method, route, b"{}", content_type="application/json")
        for method in METHODS
    }
    statuses = {method: response.status_code for method, response in responses.items()}
    assert all(status < 500 for status in statuses.values()), statuses
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert statuses[method] in (403, 404, 405), (method, statuses)
        assert set(responses[method].json()["error"]) == {"code", "message", "field"}, method
    if statuses["OPTIONS"] >= 400:
        assert set(responses["OPTIONS"].json()["error"]) == {"code", "message", "field"}


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
