"""The content generation of ``badgecms.home.caching.responses``: when it changes, and what it
records."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from badgecms.home.caching.generation import (
    GENERATION_KEY,
    MEMO_SIZE,
    content_cache,
    current_generation,
    invalidate,
    memoised,
)
from badgecms.home.caching.models import ContentGeneration

pytestmark = pytest.mark.django_db


def test_stays_until_a_change_and_records_when_it_began(make_landing_page):
    page = make_landing_page(title="Badges")
    first = current_generation()
    assert current_generation() == first
    assert first.valid_until is None
    assert first.started_at >= page.last_published_at.timestamp()

    later = timezone.now() + timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        page.save_revision().publish()
        second = current_generation()
    assert second.token != first.token
    assert second.started_at == later.timestamp()


def test_ends_at_the_next_expiry(make_landing_page):
    now = timezone.now()
    make_landing_page(title="Expiring", expire_at=now + timedelta(hours=1))
    make_landing_page(title="Later", expire_at=now + timedelta(hours=2))
    first = current_generation()
    assert first.valid_until == (now + timedelta(hours=1)).timestamp()
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        second = current_generation()
    assert second.token != first.token
    assert second.valid_until == (now + timedelta(hours=2)).timestamp()


def test_a_transaction_starts_one_new_generation_when_it_commits(
    django_capture_on_commit_callbacks,
):
    first = current_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invalidate()
        invalidate()
        assert content_cache().get(GENERATION_KEY) is None  # dropped at once
    assert [callback.__name__ for callback in callbacks] == ["_write_shared_token"]
    after_commit = content_cache().get(GENERATION_KEY)
    assert after_commit is not None and current_generation().token != first.token
    assert current_generation().token.startswith(after_commit)


@pytest.fixture
def local_memory_cache(settings):
    """A process-local content cache: the generation's token then lives in the database."""
    local_memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {"default": local_memory, "content": local_memory}


def test_with_a_shared_cache_a_warm_hit_makes_no_query(
    client, make_landing_page, django_assert_num_queries
):
    page = make_landing_page(title="Badges")
    client.get(f"/api/v1/pages/{page.id}/")
    with django_assert_num_queries(0):
        assert client.get(f"/api/v1/pages/{page.id}/").json()["title"] == "Badges"
    assert not ContentGeneration.objects.exists()


def test_with_a_local_memory_cache_a_warm_hit_reads_the_token_with_one_query(
    local_memory_cache, client, make_landing_page, django_assert_num_queries
):
    page = make_landing_page(title="Badges")
    client.get(f"/api/v1/pages/{page.id}/")
    client.get(page.url)
    with django_assert_num_queries(2) as captured:
        assert client.get(f"/api/v1/pages/{page.id}/").json()["title"] == "Badges"
        assert client.get(page.url).status_code == 200
    assert all("badgecms_home_contentgeneration" in query["sql"] for query in captured)


def test_with_a_local_memory_cache_the_token_changes_inside_the_transaction(
    local_memory_cache, make_landing_page, django_capture_on_commit_callbacks
):
    page = make_landing_page(title="Badges")
    first = current_generation()
    token = ContentGeneration.objects.get().token
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        # Written with the change: another process sees both at the same commit.
        assert ContentGeneration.objects.get().token != token
    assert current_generation().token != first.token
    assert content_cache().get(GENERATION_KEY) is None


def test_memoised_values_last_one_generation_and_at_most_memo_size_keys():
    calls = []

    def compute(value):
        calls.append(value)
        return value

    assert memoised(("test", 1), lambda: compute("first")) == "first"
    assert memoised(("test", 1), lambda: compute("second")) == "first"
    invalidate()
    assert memoised(("test", 1), lambda: compute("third")) == "third"
    for number in range(2, MEMO_SIZE + 1):
        memoised(("test", number), lambda: compute("filler"))
    # The memo was full: emptied, so the first key is computed again.
    assert memoised(("test", 1), lambda: compute("fourth")) == "fourth"
    assert calls == ["first", "third", *["filler"] * (MEMO_SIZE - 1), "fourth"]


def test_memoised_keeps_no_exception():
    def fail():
        raise LookupError("no such thing")

    with pytest.raises(LookupError):
        memoised(("test", "failing"), fail)
    assert memoised(("test", "failing"), lambda: "found") == "found"
