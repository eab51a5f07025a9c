"""The content response cache: finished public responses (the landing page's HTML, the
content API's JSON) kept in Django's cache and served again without one SQL query.

Invalidation is exact thanks to one **content generation**, a record kept in the cache
under :data:`GENERATION_KEY`: a random ``token`` and ``valid_until``, the next moment at
which a live page expires. Every cached response carries the token of the generation it
was rendered in, and is served only while that generation is current:

- any change that can alter public content (see :mod:`badgecms.home.caching.invalidation`) calls
  :func:`invalidate`, which drops the generation at once and replaces it when the
  database transaction commits, so that no response rendered from the old data, or from
  a snapshot taken before the commit, is served afterwards;
- once ``valid_until`` has passed, the next request replaces the generation, so a page
  leaves the site at its ``expire_at`` even before ``publish_scheduled`` unpublishes it.
  (A scheduled go-live makes a page live through ``publish_scheduled``, which publishes
  the revision and so sends ``page_published``.)

A hit costs one ``get_many`` of two cache keys and no SQL query; starting a generation
costs one aggregate query. Settings (read on each request): ``CONTENT_CACHE_ALIAS``, the
Django cache to use (default ``"default"``), and ``CONTENT_CACHE_TIMEOUT``, the seconds an
entry may stay (default one day; ``0`` turns the response cache off). A local-memory
cache lives inside one process: with several processes or servers, configure a shared
cache (Redis) so that an invalidation reaches every one of them.
"""

import json
import time
import uuid
from dataclasses import dataclass
from hashlib import sha256

from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe
from wagtail.models import Page

from badgecms.home.conf import home_settings

#: Cache key of the current :class:`Generation`.
GENERATION_KEY = "badgecms:content-generation"
#: Default of ``CONTENT_CACHE_TIMEOUT``: seconds a cached response may stay (one day).
DEFAULT_TIMEOUT = 24 * 60 * 60
# Headers that belong to one transfer, not to the stored representation.
_UNSTORED_HEADERS = {"content-length", "set-cookie", "date"}


def cache_timeout():
    """Seconds a response stays cached (setting ``CONTENT_CACHE_TIMEOUT``); 0 means off."""
    return int(home_settings.CONTENT_CACHE_TIMEOUT)


def is_enabled():
    """True when the response cache is on (``CONTENT_CACHE_TIMEOUT`` above 0)."""
    return cache_timeout() > 0


def content_cache():
    """The Django cache holding responses and the generation (``CONTENT_CACHE_ALIAS``)."""
    return caches[home_settings.CONTENT_CACHE_ALIAS]


@dataclass(frozen=True)
class Generation:
    """A content generation: ``token`` (hex string), ``valid_until`` (POSIX seconds of
    the next scheduled expiry of a live page, or None when none is scheduled) and
    ``started_at`` (POSIX seconds when it began: at or after the last change to public
    content, so a valid ``Last-Modified`` for anything rendered in it)."""

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


def _new_generation():
    now = timezone.now()
    expiry = next_expiry(now)
    return Generation(uuid.uuid4().hex, expiry.timestamp() if expiry else None, now.timestamp())


def _start_generation():
    content_cache().set(GENERATION_KEY, _new_generation(), timeout=None)


def invalidate(using=None):
    """Make every cached response stale: drop the current generation now and start a
    new one when the transaction on database ``using`` commits (at once outside a
    transaction)."""
    content_cache().delete(GENERATION_KEY)
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _start_generation()
    # One start per transaction is enough, however many changes it holds.
    elif not any(callback is _start_generation for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_start_generation, using=using)


def _current_generation(cache, found, now):
    if found is not None and found.is_current(now):
        return found
    fresh = _new_generation()
    if found is None:
        # add(): a generation started by invalidate() after a commit always wins over
        # one a request computed from an older snapshot.
        if cache.add(GENERATION_KEY, fresh, timeout=None):
            return fresh
        found = cache.get(GENERATION_KEY)
        if found is not None and found.is_current(now):
            return found
    cache.set(GENERATION_KEY, fresh, timeout=None)
    return fresh


def current_generation():
    """The current :class:`Generation`, started (one query) if there is none or it has
    ended."""
    cache = content_cache()
    return _current_generation(cache, cache.get(GENERATION_KEY), time.time())


@dataclass(frozen=True)
class CachedResponse:
    """A finished 200 response: its ``content`` (bytes), ``headers`` (name, value pairs
    as the view set them, without per-transfer headers), strong ``etag`` (quoted) and
    ``last_modified`` (POSIX seconds or None), rendered in generation ``generation``."""

    generation: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: int | None

    def to_response(self, request):
        """Return the response for ``request``: this one, or ``304 Not Modified`` (or
        ``412``) when a conditional header says so (RFC 9110 section 13, Django's rules)."""
        response = HttpResponse(self.content, headers=dict(self.headers))
        return conditional_response(request, self.etag, self.last_modified, response)


#: Request headers of conditional requests (RFC 9110 section 13.1).
_CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def conditional_response(request, etag, last_modified, response):
    """Django's ``get_conditional_response`` for ``response``, skipped (``response``
    returned as is) when ``request`` has no conditional header: the common case of a hit.
    ``last_modified`` is in POSIX seconds or None."""
    if not any(header in request.META for header in _CONDITIONAL_HEADERS):
        return response
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def response_key(namespace, request, *variants):
    """Cache key of the response to ``request``: ``namespace`` (``"page"``, ``"api"``),
    scheme, host, path, raw query string and the request ``variants`` (strings such as
    the ``Accept`` header) the response depends on."""
    parts = [
        namespace,
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        *variants,
    ]
    return "badgecms:response:" + sha256(json.dumps(parts).encode()).hexdigest()


def lookup(key):
    """Return ``(entry, generation)``: the :class:`CachedResponse` stored under ``key``
    if it belongs to the current generation (else None), and the current
    :class:`Generation`, which a response rendered now must be stored with."""
    cache = content_cache()
    found = cache.get_many([GENERATION_KEY, key])
    generation = _current_generation(cache, found.get(GENERATION_KEY), time.time())
    entry = found.get(key)
    if entry is not None and entry.generation == generation.token:
        return entry, generation
    return None, generation


def store(key, generation, response):
    """Store the rendered 200 ``response`` under ``key`` for ``generation`` (the one
    :func:`lookup` returned before rendering) and return the :class:`CachedResponse`.

    A response without an ``ETag`` gets Django's strong one (MD5 of the body).
    """
    if not response.has_header("ETag"):
        set_response_etag(response)
    entry = CachedResponse(
        generation=generation.token,
        content=response.content,
        headers=tuple(
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _UNSTORED_HEADERS
        ),
        etag=response.headers["ETag"],
        last_modified=parse_http_date_safe(response.headers.get("Last-Modified", "")),
    )
    content_cache().set(key, entry, timeout=cache_timeout())
    return entry


def is_storable(response):
    """True for a finished response that may be shared: 200, not streamed, setting no
    cookie and not marked ``private`` or ``no-store``."""
    cache_control = response.headers.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )
