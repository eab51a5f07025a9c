"""Security headers on the public pages and the API, a Content-Security-Policy the
public pages actually obey, and a Wagtail admin the policy does not break."""

import pytest

from tests.helpers.error_probes import error_client
from tests.helpers.markup import executable_markup

UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")


def policy(response):
    """The Content-Security-Policy header as ``{directive: [sources]}``."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
class TestPublicPagesAndAPI:
    def test_public_page_has_security_headers_and_a_strict_policy(self, client, seed_page):
        response = client.get(seed_page.url)
        assert response.status_code == 200
        assert_common_headers(response)
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'self'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["script-src"][0] == "'self'"
        for name in ("script-src", "style-src", "default-src", "connect-src"):
            assert not set(directives[name]) & set(UNSAFE_SOURCES), name
        assert directives["img-src"][:2] == ["'self'", "data:"]

    def test_public_page_obeys_its_policy(self, client, seed_page):
        html = client.get(seed_page.url).content.decode()
        assert executable_markup(html, page=True) == []
        assert '<script type="application/ld+json">' in html

    def test_not_found_and_server_error_pages_obey_the_policy(self, site):
        client = error_client()
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert_common_headers(response)
        assert policy(response)["default-src"] == ["'self'"]
        assert executable_markup(response.content.decode(), page=True) == []

    def test_api_responses_have_the_same_headers(self, client, seed_page):
        for path in (f"/api/v1/pages/{seed_page.id}/", "/api/v1/pages/999999/"):
            response = client.get(path)
            assert response.status_code in (200, 404)
            assert_common_headers(response)
            assert policy(response)["default-src"] == ["'self'"]
            assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
class TestAdminStillWorks:
    def test_admin_pages_are_served_without_the_public_policy(self, client, seed_page):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
        client.force_login(admin)
        response = client.get("/admin/")
        assert response.status_code == 200
        assert "Content-Security-Policy" not in response
        assert response["X-Content-Type-Options"] == "nosniff"
        # The page editor carries only the live preview's frame-src (api/middleware.py).
        response = client.get(f"/admin/pages/{seed_page.id}/edit/")
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == "frame-src 'self'"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_editor_userbar_on_the_live_page_loads_from_allowed_origins(
        self, client, seed_page, settings
    ):
        from bs4 import BeautifulSoup
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
        client.force_login(admin)
        response = client.get(seed_page.url)
        directives = policy(response)
        soup = BeautifulSoup(response.content, "html.parser")
        scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
        assert any("userbar" in src for src in scripts)
        allowed = [source for source in directives["script-src"] if source != "'self'"]
        for src in scripts:
            assert src.startswith("/") or src.startswith(tuple(allowed)), src
        assert not soup.find_all(
            "script", src=False, type=lambda t: t not in ("application/ld+json", "application/json")
        )
