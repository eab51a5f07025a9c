"""The response cache held open on Redis, read through a real HTTP server (Django's live
server thread, which has its own Redis connection) while the test thread publishes with
real commits, as an editor's request would: nothing stale, a publish visible at once.

Redis: ``REDIS_URL`` when set, else ``redis://127.0.0.1:6379/6``.
"""

import os
import urllib.error
import urllib.request

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from badgecms.home.models import BadgeLandingPage

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6"
KEY_PREFIX = "badgecms-test-response-cache"
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": KEY_PREFIX,
}
REDIS_CACHES = {"default": REDIS_CACHE, "content": REDIS_CACHE}


@pytest.fixture
def redis_cache():
    """The Django cache on Redis for the duration of the test, emptied before and after;
    returns a raw Redis client of the same database."""
    client = redis.Redis.from_url(REDIS_URL)
    with override_settings(CACHES=REDIS_CACHES):
        cache.clear()
        yield client
        cache.clear()
    client.close()


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (local server)
        return response.read().decode()


# Live-server tests start from the migrated data (default site, root page), which the
# flush after an earlier transactional test removed: serialized rollback reloads it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publish_is_visible_at_once_through_a_redis_cache(
    site, redis_cache, live_server, make_landing_page
):
    page = make_landing_page(title="Badges", faqs=[("Cost?", "<p>Old answer</p>")])
    api_url = f"{live_server.url}/api/v1/pages/{page.id}/"
    html_url = f"{live_server.url}{page.url}"

    assert '"answer":"\\u003cp\\u003eOld answer' in get(api_url)
    assert "Old answer" in get(html_url)
    stored = redis_cache.keys(f"{KEY_PREFIX}:*badgecms:response:*")
    assert len(stored) == 2  # the JSON and the HTML

    # A change that sends no signal is not seen: the responses come from Redis.
    BadgeLandingPage.objects.filter(id=page.id).update(title="Changed behind the cache")
    assert "Changed behind the cache" not in get(api_url)
    assert "Changed behind the cache" not in get(html_url)

    draft = page.get_latest_revision_as_object()
    draft.faqs = [("faq", {"question": "Cost?", "answer": "<p>New answer</p>"})]
    draft.save_revision().publish()

    api_body, html = get(api_url), get(html_url)
    assert '"answer":"\\u003cp\\u003eNew answer' in api_body and "Old answer" not in api_body
    assert "New answer" in html and "Old answer" not in html

    page.unpublish()
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(api_url)
    assert missing.value.code == 404
