"""CDN purge (``badgecms.home.caching.frontend_cache``, ``badgecms.api.purge``) through Wagtail's
HTTP frontend cache
backend, received by a real HTTP server on 127.0.0.1 standing in for the CDN's purge API.
"""

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers ``PURGE`` requests with 200 and records ``http://<Host><path>``."""

    def do_PURGE(self):
        self.server.purged.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def purged(settings):
    """The URLs the CDN was asked to purge, in order; the frontend cache is configured
    with Wagtail's HTTP backend pointing at the recording server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


def urls_of(page, path=None):
    """The page's HTML URL and content API URLs on the default site (localhost)."""
    path = path or page.url
    return {
        f"http://localhost{path}",
        f"http://localhost/api/v1/pages/{page.id}/",
        f"http://localhost/api/v1/pages/by-path/?path={path}",
        "http://localhost/api/v1/pages/",
        "http://localhost/api/v1/faqs/",
        f"http://localhost/api/v1/faqs/?page={page.id}",
    }


def test_publish_purges_the_page_its_api_urls_and_the_pages_linking_to_it(
    purged, target, linking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        target.save_revision().publish()
        assert purged == []  # nothing before the commit
    assert set(purged) == urls_of(target) | urls_of(linking)
    assert len(purged) == len(set(purged))


def test_unpublish_and_delete_purge(purged, target, linking, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        target.unpublish()
    assert set(purged) == urls_of(target) | urls_of(linking)

    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(id=linking.id).delete()
    assert set(purged) == urls_of(linking)


def test_slug_change_purges_old_and_new_urls_with_descendants(
    purged, make_landing_page, target, linking, django_capture_on_commit_callbacks
):
    child = make_landing_page(title="Child", slug="child", parent=target)
    draft = target.get_latest_revision_as_object()
    draft.slug = "renamed"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert set(purged) == (
        urls_of(target, "/target/")
        | urls_of(child, "/target/child/")
        | urls_of(target, "/renamed/")
        | urls_of(child, "/renamed/child/")
        | urls_of(linking)
    )


def test_move_purges_old_and_new_urls(
    purged, make_landing_page, target, linking, django_capture_on_commit_callbacks
):
    section = make_landing_page(title="Section", slug="section")
    child = make_landing_page(title="Child", slug="child", parent=target)
    with django_capture_on_commit_callbacks(execute=True):
        target.move(section, pos="last-child")
    assert set(purged) == (
        urls_of(target, "/target/")
        | urls_of(child, "/target/child/")
        | urls_of(target, "/section/target/")
        | urls_of(child, "/section/target/child/")
        | urls_of(linking)
    )


def test_view_restriction_purges_the_subtree(
    purged, make_landing_page, target, django_capture_on_commit_callbacks
):
    child = make_landing_page(title="Child", slug="child", parent=target)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=target, restriction_type=PageViewRestriction.LOGIN
        )
    assert set(purged) == urls_of(target) | urls_of(child, "/target/child/")

    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert set(purged) == urls_of(target) | urls_of(child, "/target/child/")


def test_nothing_is_sent_without_a_configured_frontend_cache(
    purged, settings, target, django_capture_on_commit_callbacks
):
    del settings.WAGTAILFRONTENDCACHE
    with django_capture_on_commit_callbacks(execute=True):
        target.save_revision().publish()
    assert purged == []


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "None"),
        (
            {"FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:6081"},
            "{'default': {'BACKEND': 'wagtail.contrib.frontend_cache.backends.HTTPBackend', "
            "'LOCATION': 'http://127.0.0.1:6081'}}",
        ),
    ],
)
def test_frontend_cache_is_configured_only_from_the_environment(environment, expected):
    env = {k: v for k, v in os.environ.items() if k != "FRONTEND_CACHE_PURGE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import badgecms.settings.base as s; print(getattr(s, 'WAGTAILFRONTENDCACHE', None))",
        ],
        env={**env, **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected
