"""The example frontend's server (``examples/frontend/serve.py``, issue 15): only the
admin's origin may frame it, and the preview token in its address never leaves in a
Referer."""

from urllib.request import urlopen

from tests.helpers.frontend_server import example_frontend_server


def test_only_the_admin_origin_may_frame_the_frontend():
    with (
        example_frontend_server("https://cms.example.org") as origin,
        urlopen(f"{origin}/index.html?token=secret") as response,  # noqa: S310
    ):
        assert response.status == 200
        headers = response.headers
        assert b"app.js" in response.read()
    assert headers["Content-Security-Policy"] == "frame-ancestors https://cms.example.org"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"


def test_without_an_admin_origin_nobody_may_frame_it():
    with example_frontend_server() as origin, urlopen(f"{origin}/app.js") as response:  # noqa: S310
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
