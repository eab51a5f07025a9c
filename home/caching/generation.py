"""The content generation: one token, shared by every process, that changes with every
change to public content; the response cache (:mod:`badgecms.home.caching.responses`)
serves an entry only while the generation it was rendered in is current.

How it works: docs/architecture.md, section ``badgecms.home.caching.generation``.
"""

import logging
import time
import uuid
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from wagtail.models import Page

from badgecms.home.caching.models import ContentGeneration
from badgecms.home.conf import home_settings

logger = logging.getLogger(__name__)


def _cache_errors():
    errors = [OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover (redis is a dependency of the project)
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


#: Exceptions a cache backend raises when its server cannot be reached or answer.
CACHE_ERRORS = _cache_errors()

#: Cache key of the current token when the content cache is shared.
GENERATION_KEY = "badgecms:content-generation"
#: Primary key of the database row of the token when the content cache is process-local.
ROW_ID = 1


def content_cache():
    """The Django cache holding responses (and a shared cache's token):
    ``CONTENT_CACHE_ALIAS``."""
    return caches[home_settings.CONTENT_CACHE_ALIAS]


def is_process_local(cache):
    """True when ``cache`` lives inside one process (local memory, dummy), so that the
    token must be kept in the database instead."""
    return isinstance(cache, LocMemCache | DummyCache)


@dataclass(frozen=True)
class Generation:
    """A content generation as this process sees it: ``token`` (string; responses are
    stored with it), ``valid_until`` (POSIX seconds of the next scheduled expiry of a
    live page, or None) and ``started_at`` (POSIX seconds when this process first saw
    it: after the commit that began it, so a valid ``Last-Modified`` for what is
    rendered in it)."""

    token: str
    valid_until: float | None
    started_at: float

    def is_current(self, now):
        """True while ``now`` (POSIX seconds) is before ``valid_until``."""
        return self.valid_until is None or now < self.valid_until


def next_expiry(now):
    """The earliest ``expire_at`` (aware ``datetime``) after ``now`` of a live page, or
    None. One aggregate query."""
    return Page.objects.aggregate(
        next_expiry=Min("expire_at", filter=Q(live=True, expire_at__gt=now))
    )["next_expiry"]


def _new_token():
    return uuid.uuid4().hex


# True in a process after a cache call failed, until the next successful one.
_unreachable = False


def cache_unreachable(error):
    """Record that a call to the content cache raised ``error`` (one of
    :data:`CACHE_ERRORS`): this process's next successful call starts a new generation,
    since a change made meanwhile could not drop the token."""
    global _unreachable
    if not _unreachable:
        logger.warning("Content cache unreachable, serving from the database: %s", error)
    _unreachable = True


def _write_shared_token():
    try:
        content_cache().set(GENERATION_KEY, _new_token(), timeout=None)
    except CACHE_ERRORS as error:
        cache_unreachable(error)


def _is_pending(connection, callback):
    return any(pending is callback for _, pending, _ in connection.run_on_commit)


def invalidate(using=None):
    """Make every cached response stale, for every process.

    Shared cache: drop the token now and write a new one when the transaction on
    database ``using`` commits (at once outside a transaction). Process-local cache:
    rewrite the database token inside that transaction (at each change, so that nothing
    rendered between two changes of one transaction outlives it), so that it changes
    exactly when the change becomes visible to other processes.
    """
    cache = content_cache()
    if is_process_local(cache):
        ContentGeneration.objects.using(using).update_or_create(
            id=ROW_ID, defaults={"token": _new_token()}
        )
        return
    connection = transaction.get_connection(using)
    try:
        cache.delete(GENERATION_KEY)
    except CACHE_ERRORS as error:
        # The change still commits; the token is rotated when the cache answers again.
        cache_unreachable(error)
    if not connection.in_atomic_block:
        _write_shared_token()
    # One new token per transaction is enough, however many changes it holds.
    elif not _is_pending(connection, _write_shared_token):
        transaction.on_commit(_write_shared_token, using=using)


_MISSING = object()
_UNREACHABLE = "unreachable:"


def unreachable_generation():
    """A :class:`Generation` of one request, used while the cache cannot be reached:
    its token is new each time, so what is rendered in it is never served again."""
    return Generation(f"{_UNREACHABLE}{_new_token()}", None, time.time())


def is_unreachable(token):
    """True for the token of a :class:`Generation` made by
    :func:`unreachable_generation` (nothing kept for it can ever be served)."""
    return token.startswith(_UNREACHABLE)


def _shared_token(cache, found):
    global _unreachable
    if _unreachable:
        # Back after an outage: entries stored before it may show content changed
        # during it. A new token makes them all unreachable.
        fresh = _new_token()
        cache.set(GENERATION_KEY, fresh, timeout=None)
        _unreachable = False
        return fresh
    if found is _MISSING:
        found = cache.get(GENERATION_KEY)
    if found is not None:
        return found
    fresh = _new_token()
    # add(): a token written by invalidate() after a commit wins over this one.
    if cache.add(GENERATION_KEY, fresh, timeout=None):
        return fresh
    return cache.get(GENERATION_KEY) or fresh


def _database_token():
    token = ContentGeneration.objects.filter(id=ROW_ID).values_list("token", flat=True).first()
    if token is None:
        token = ContentGeneration.objects.get_or_create(
            id=ROW_ID, defaults={"token": _new_token()}
        )[0].token
    return token


# This process's view of the current generation: {stored token: Generation}.
_seen = {}


def current_generation(found=_MISSING):
    """The current :class:`Generation`.

    ``found`` is the shared cache's value under :data:`GENERATION_KEY` when the caller
    has already read it (None when absent). Costs no query with a shared cache, one
    primary-key query with a process-local one, plus one aggregate query the first time
    this process sees a token and at each scheduled expiry.
    """
    cache = content_cache()
    now = time.time()
    try:
        stored = _database_token() if is_process_local(cache) else _shared_token(cache, found)
    except CACHE_ERRORS as error:
        cache_unreachable(error)
        return unreachable_generation()
    seen = _seen.get(stored)
    if seen is not None and seen.is_current(now):
        return seen
    expiry = next_expiry(timezone.now())
    valid_until = expiry.timestamp() if expiry else None
    generation = Generation(f"{stored}:{valid_until or ''}", valid_until, now)
    _seen.clear()
    _seen[stored] = generation
    return generation


#: Most values :func:`memoised` keeps per generation; more empties the memo (keys may
#: come from request headers).
MEMO_SIZE = 256

# Values this process computed in the current generation: (token, {key: value}).
_memo = (None, {})


def memoised(key, compute):
    """Return ``compute()``, called at most once per content generation in this process
    for each hashable ``key``.

    For lookups every input of which starts a new generation when it changes (a site,
    say: ``Site`` saves and deletes invalidate). The token is read before ``compute``
    runs, so a value is never kept under a generation newer than what it saw. While the
    cache cannot be reached every call gets a new generation, so nothing is kept.
    Exceptions from ``compute`` propagate and are not kept.
    """
    global _memo
    token = current_generation().token
    memo_token, values = _memo
    if memo_token != token or len(values) >= MEMO_SIZE:
        values = {}
        _memo = (token, values)
    if key in values:
        return values[key]
    value = values[key] = compute()
    return value
