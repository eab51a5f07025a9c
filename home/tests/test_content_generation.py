"""The content generation of ``badgecms.home.caching.responses``: when it changes, and what it
records."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from badgecms.home.caching.responses import GENERATION_KEY, current_generation, invalidate

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
        assert cache.get(GENERATION_KEY) is None  # dropped at once
    assert [callback.__name__ for callback in callbacks] == ["_start_generation"]
    after_commit = cache.get(GENERATION_KEY)
    assert after_commit is not None and after_commit.token != first.token
