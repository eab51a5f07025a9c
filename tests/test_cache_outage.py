"""Fault: the Redis of the content cache stopped while the site serves. A real
``redis-server`` of the test's own (another port, an RDB file so that it comes back with
what it held), real HTTP through Django's live server thread, real commits.

Proves: reads answer 200 with current content from the database during the outage, a
publish succeeds, and once Redis returns with its pre-outage entries and token none of
them is served (the token is rotated by the first process call that succeeds).
"""

import subprocess
import time
import urllib.request

import pytest
import redis
from django.test import override_settings

from badgecms.settings.base import cache_settings
from tests.helpers.servers import free_port

KEY_PREFIX = "badgecms-test-outage"


class RedisServer:
    """A ``redis-server`` on 127.0.0.1:``port`` keeping its RDB file in ``folder``."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--dbfilename",
                "dump.rdb",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = self.client()
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                assert self.process.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)

    def client(self):
        return redis.Redis.from_url(self.url)

    def crash(self):
        """Write what Redis holds to its RDB file, then kill it (as a crash would)."""
        self.client().save()
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (local server)
        return response.status, response.read().decode()


def publish_answer(page, answer):
    draft = page.get_latest_revision_as_object()
    draft.faqs = [("faq", {"question": "Cost?", "answer": f"<p>{answer}</p>"})]
    draft.save_revision().publish()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_redis_outage_serves_current_content_and_nothing_stale_after(
    site, redis_server, live_server, make_landing_page, settings, tmp_path
):
    assert settings.BADGECMS["CONTENT_CACHE_ALIAS"] == "content"
    # Both caches on this Redis, as the standalone project sets them for REDIS_URL: the
    # default one (throttle counters, Wagtail's site lookups) fails soft by itself.
    caches = {
        "default": cache_settings(redis_server.url, tmp_path, fail_soft=True),
        "content": cache_settings(redis_server.url, tmp_path),
    }
    caches["default"]["KEY_PREFIX"] = f"{KEY_PREFIX}-default"
    caches["content"]["KEY_PREFIX"] = KEY_PREFIX
    with override_settings(CACHES=caches):
        page = make_landing_page(title="Badges", faqs=[("Cost?", "<p>Old answer</p>")])
        api_url = f"{live_server.url}/api/v1/pages/{page.id}/"
        html_url = f"{live_server.url}{page.url}"
        assert "Old answer" in get(api_url)[1] and "Old answer" in get(html_url)[1]
        raw = redis_server.client()
        stored = sorted(raw.keys(f"{KEY_PREFIX}:*badgecms:response:*"))
        assert len(stored) == 2  # the JSON and the HTML, with the pre-outage token
        assert all(b"Old answer" in entry for entry in raw.mget(stored))
        old_token = raw.get(f"{KEY_PREFIX}:1:badgecms:content-generation")
        assert old_token is not None

        redis_server.crash()

        # Reads answer from the database; a publish commits; its content is served.
        status, body = get(api_url)
        assert status == 200 and "Old answer" in body
        publish_answer(page, "New answer")
        for url in (api_url, html_url):
            status, body = get(url)
            assert status == 200
            assert "New answer" in body and "Old answer" not in body

        # Redis comes back from its RDB file with the old entries and the old token.
        redis_server.start()
        raw = redis_server.client()
        assert sorted(raw.keys(f"{KEY_PREFIX}:*badgecms:response:*")) == stored
        assert raw.get(f"{KEY_PREFIX}:1:badgecms:content-generation") == old_token

        for _ in range(2):  # the first read after the outage, then a warm hit
            for url in (api_url, html_url):
                status, body = get(url)
                assert status == 200
                assert "New answer" in body and "Old answer" not in body
        assert raw.get(f"{KEY_PREFIX}:1:badgecms:content-generation") != old_token
        # The new content was stored over the old entries: the cache is in use again.
        entries = raw.mget(stored)
        assert all(b"New answer" in entry and b"Old answer" not in entry for entry in entries)
