"""No stack trace, exception text or setting ever reaches a client: 404 and 500 of the
HTML pages and of the API, a bad Host header and a CSRF failure, with DEBUG off."""

import pytest
from django.conf import settings

from badgecms.api.serializers import LandingPageSerializer
from badgecms.home.models import BadgeLandingPage
from tests.helpers.error_probes import NOT_FOUND, error_client

SECRET_DETAIL = "internal detail 7f3a: database password is hunter2"


def assert_reveals_nothing(response):
    body = response.content.decode()
    for leak in (
        "Traceback",
        "Exception Value",
        "Request Method",
        SECRET_DETAIL,
        settings.SECRET_KEY,
        "SECRET_KEY",
        "DATABASES",
        "INSTALLED_APPS",
        "site-packages",
        str(settings.BASE_DIR),
        "You're seeing this error because you have",
    ):
        assert leak not in body, leak


@pytest.fixture
def anonymous():
    """A client that gets the 500 response instead of the exception."""
    return error_client()


@pytest.mark.django_db
class TestErrorResponses:
    def test_debug_is_off(self):
        assert settings.DEBUG is False

    def test_page_not_found(self, anonymous, site):
        response = anonymous.get("/no-such-page/")
        assert response.status_code == 404
        assert "<h1>Page not found</h1>" in response.content.decode()
        assert_reveals_nothing(response)

    def test_server_error_in_a_page_shows_the_plain_500_page(
        self, anonymous, seed_page, monkeypatch
    ):
        def broken(*args, **kwargs):
            raise RuntimeError(SECRET_DETAIL)

        monkeypatch.setattr(BadgeLandingPage, "get_context", broken)
        response = anonymous.get(seed_page.url)
        assert response.status_code == 500
        assert "<h1>Something went wrong</h1>" in response.content.decode()
        assert_reveals_nothing(response)

    @pytest.mark.parametrize("page_id", [987654, 2**63 - 1, 2**63, 10**30])
    def test_api_not_found_is_the_json_error_body(self, anonymous, site, page_id):
        """An id beyond the database's integer range was a 500 on SQLite and PostgreSQL
        (found by tests/test_api_fuzz.py)."""
        response = anonymous.get(f"/api/v1/pages/{page_id}/")
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        assert_reveals_nothing(response)

    def test_server_error_in_the_api_reveals_nothing(self, anonymous, seed_page, monkeypatch):
        def broken(*args, **kwargs):
            raise RuntimeError(SECRET_DETAIL)

        monkeypatch.setattr(LandingPageSerializer, "to_representation", broken)
        response = anonymous.get(f"/api/v1/pages/{seed_page.id}/")
        assert response.status_code == 500
        assert_reveals_nothing(response)

    def test_unknown_host_is_a_plain_400(self, anonymous, site, settings):
        settings.ALLOWED_HOSTS = ["badges.example.org"]
        response = anonymous.get("/", headers={"host": "evil.example"})
        assert response.status_code == 400
        assert_reveals_nothing(response)
        assert "evil.example" not in response.content.decode()

    def test_csrf_failure_on_the_admin_login_reveals_nothing(self, site):
        client = error_client(enforce_csrf_checks=True)
        response = client.post("/admin/login/", {"username": "a", "password": "b"})
        assert response.status_code == 403
        assert_reveals_nothing(response)
        assert "CSRF_COOKIE" not in response.content.decode()
