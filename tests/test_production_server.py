"""A production run as docs/deployment.md describes it: the documented environment,
``migrate``, ``collectstatic``, gunicorn serving ``badgecms.wsgi`` with WhiteNoise, behind
a TLS-terminating proxy (``X-Forwarded-Proto``). Checks HTTPS redirect, HSTS, CSP and
the other headers, static files with far-future caching, secure cookies, and error pages
that reveal nothing."""

import http.client
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.servers import free_port
from tests.test_settings import documented_environment

ROOT = Path(__file__).resolve().parent.parent
HOST = "badges.example.org"
GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Start gunicorn on 127.0.0.1 with production settings; yield ``request(path, ...)``."""
    folder = tmp_path_factory.mktemp("production")
    env = {
        **documented_environment(),
        "PATH": os.environ["PATH"],
        "HOME": str(folder),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CACHE_URL": os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
    }
    env.pop("REDIS_URL")
    manage = [sys.executable, str(ROOT / "manage.py")]
    commands = (
        ["migrate", "--no-input"],
        ["collectstatic", "--no-input"],
        ["setup_demo", "--no-admin"],
    )
    for command in commands:
        subprocess.run(
            [*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True, timeout=300
        )
    port = free_port()
    log = (folder / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(GUNICORN), "badgecms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def request(path, headers=None, https=True, host=HOST):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent = {"Host": host, **({"X-Forwarded-Proto": "https"} if https else {})}
        connection.request("GET", path, headers={**sent, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    deadline = time.monotonic() + 60
    while True:
        try:
            request("/api/v1/pages/0/")
            break
        except OSError:
            assert process.poll() is None, (folder / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start within 60 s"
            time.sleep(0.3)
    yield request
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_plain_http_is_redirected_to_https(server):
    response, _ = server("/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_public_page_over_https_has_hsts_and_the_security_headers(server):
    response, body = server("/")
    assert response.status == 200
    assert "<h1>Digital Badges</h1>" in body.decode()
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Referrer-Policy") == "same-origin"
    policy = response.getheader("Content-Security-Policy").split("; ")
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy


def test_static_files_are_served_by_whitenoise_hashed_compressed_and_cached(server):
    _, body = server("/")
    stylesheet = re.search(
        r'href="(/static/badgecms_home/css/site\.[0-9a-f]{12}\.css)"', body.decode()
    )
    assert stylesheet, "the page links the hashed stylesheet"
    response, css = server(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/css")
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Cache-Control") == "max-age=315360000, public, immutable"
    assert css[:2] == b"\x1f\x8b"


def test_api_over_https_has_the_same_headers(server):
    response, _ = server("/api/v1/pages/0/")
    assert response.status == 404
    assert response.getheader("Content-Type") == "application/json"
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_admin_login_sets_secure_cookies(server):
    response, _ = server("/admin/login/")
    assert response.status == 200
    cookie = response.getheader("Set-Cookie")
    assert cookie.startswith("csrftoken=")
    assert "Secure" in cookie and "SameSite=Lax" in cookie
    assert response.getheader("Content-Security-Policy") is None  # the admin is excluded


def test_errors_reveal_nothing(server):
    response, body = server("/no-such-page/")
    assert response.status == 404
    assert "<h1>Page not found</h1>" in body.decode()
    bad_host, body = server("/", host="evil.example")
    assert bad_host.status == 400
    for text in (body.decode(), server("/no-such-page/")[1].decode()):
        assert "Traceback" not in text and "SECRET_KEY" not in text and "evil.example" not in text
