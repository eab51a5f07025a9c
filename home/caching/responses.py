"""The content response cache: finished public responses (the landing page's HTML, the
content API's JSON) kept in Django's cache and served again without rendering.

How it works: docs/architecture.md, section ``badgecms.home.caching.responses``.
"""

import json
from dataclasses import dataclass
from hashlib import sha256

from django.http import HttpResponse
from django.utils.cache import set_response_etag

from badgecms.home.caching.conditional import set_last_modified
from badgecms.home.caching.generation import (
    CACHE_ERRORS,
    GENERATION_KEY,
    cache_unreachable,
    content_cache,
    current_generation,
    invalidate,
    is_process_local,
    unreachable_generation,
)
from badgecms.home.conf import home_settings

__all__ = ["content_cache", "current_generation", "invalidate"]

#: Default of ``CONTENT_CACHE_TIMEOUT``: seconds a cached response may stay (one day).
DEFAULT_TIMEOUT = 24 * 60 * 60
# Headers that belong to one transfer, not to the stored representation.
# Last-Modified is set again when served (see CachedResponse.to_response).
_UNSTORED_HEADERS = {"content-length", "set-cookie", "date", "last-modified"}


def cache_timeout():
    """Seconds a response stays cached (setting ``CONTENT_CACHE_TIMEOUT``); 0 means off."""
    return int(home_settings.CONTENT_CACHE_TIMEOUT)


def is_enabled():
    """True when the response cache is on (``CONTENT_CACHE_TIMEOUT`` above 0)."""
    return cache_timeout() > 0


@dataclass(frozen=True)
class CachedResponse:
    """A finished 200 response: its ``content`` (bytes), ``headers`` (name, value pairs
    as the view set them, without per-transfer headers and ``Last-Modified``) and
    ``changed_at`` (POSIX seconds of the last change to what it shows, or None),
    rendered in generation ``generation``."""

    generation: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    changed_at: float | None

    @classmethod
    def from_response(cls, response, generation, unkept_headers=frozenset()):
        """The entry of the finished ``response`` (an ``HttpResponse`` with its
        ``content`` rendered) for ``generation`` (a token), without the headers named in
        ``unkept_headers`` (lower-case names); ``changed_at`` from the response's
        ``changed_at`` attribute, if any."""
        return cls(
            generation=generation,
            content=response.content,
            headers=tuple(
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in unkept_headers
            ),
            changed_at=getattr(response, "changed_at", None),
        )

    def to_response(self):
        """Return a new ``HttpResponse`` with these bytes and headers, and the
        ``Last-Modified`` that :mod:`badgecms.home.caching.conditional` gives now."""
        response = HttpResponse(self.content, headers=dict(self.headers))
        if self.changed_at is not None:
            set_last_modified(response, self.changed_at)
        return response


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
    :class:`~badgecms.home.caching.generation.Generation`, which a response rendered now
    must be stored with (read before rendering, so never newer than what is rendered).

    Raises nothing when the cache cannot be reached: ``(None, generation)``, the caller
    renders from the database."""
    cache = content_cache()
    if is_process_local(cache):
        generation = current_generation()
        entry = cache.get(key)
    else:
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except CACHE_ERRORS as error:
            cache_unreachable(error)
            return None, unreachable_generation()
        generation = current_generation(found.get(GENERATION_KEY))
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
    entry = CachedResponse.from_response(response, generation.token, _UNSTORED_HEADERS)
    try:
        content_cache().set(key, entry, timeout=cache_timeout())
    except CACHE_ERRORS as error:
        cache_unreachable(error)
    return entry


def mark_shared(response, generation, checks=()):
    """Mark ``response`` (a 200 that this cache stored or served) as one that every
    client may be given while the content generation it was rendered in lasts, so that
    :class:`~badgecms.home.caching.middleware.ResponseCacheMiddleware` may keep the
    response as the whole middleware stack sends it.

    ``generation``: that generation's token (string; the entry's, or the one
    :func:`lookup` returned before rendering). ``checks``: callables
    ``check(request) -> bool`` run on each later request that would be served that
    copy; any False sends the request through the stack instead (the API's throttles).
    Returns ``response``.
    """
    response.shared_generation = generation
    response.shared_checks = tuple(checks)
    return response


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
