"""The response cache at the top of ``MIDDLEWARE``: a public response as the whole
middleware stack sent it, kept in this process's memory and sent again, before any other
middleware, URL resolution or view runs, while its content generation is current.

How it works: docs/architecture.md, section ``badgecms.home.caching.middleware``.
"""

import threading

from cachetools import LRUCache
from django.conf import settings
from django.core.signals import setting_changed
from django.utils.cache import cc_delim_re

from badgecms.home.caching import responses as cache
from badgecms.home.caching.conditional import CONDITIONAL_HEADERS
from badgecms.home.caching.generation import current_generation, is_unreachable
from badgecms.home.conf import home_settings

# Request headers the key holds: the API negotiates on Accept, CORS answers the Origin.
_KEY_HEADERS = ("HTTP_ACCEPT", "HTTP_ORIGIN")
# Response Vary headers the key covers. Cookie: only requests without a session cookie
# are served (as the page cache does), and responses setting a cookie are never kept.
_COVERED_VARY = {"accept", "origin", "cookie"}
# Headers of one transfer; Last-Modified is set again when sent (it depends on the time).
_UNKEPT_HEADERS = {"date", "set-cookie", "last-modified"}
# Bytes counted for an entry besides its body (key, headers, objects).
_ENTRY_OVERHEAD = 2048


def _entry_size(item):
    entry, _checks = item
    return len(entry.content) + _ENTRY_OVERHEAD


class ResponseCacheMiddleware:
    """Sends public responses of the content response cache again from the top of
    ``MIDDLEWARE`` (place it first), with the bytes and headers the stack sent.

    A response is kept only when the response cache marked it shared
    (:func:`badgecms.home.caching.responses.mark_shared`: the landing page for an
    anonymous visitor, the content API), the request was a ``GET`` and the response is a
    200 setting no cookie, not ``private``/``no-store``, varying on nothing but
    ``Accept``, ``Origin`` and ``Cookie``. It is sent again to a ``GET``/``HEAD`` of the
    same scheme, host, path, query string, ``Accept`` and ``Origin``, without a session
    cookie or a conditional header (those go through the stack, which answers them), as
    long as the content generation it was rendered in is current (one read of the shared
    token per request) and the checks it was marked with (the API's throttles) pass.

    Memory: at most ``CONTENT_CACHE_MEMORY`` bytes of bodies per process, least
    recently used first out; ``0`` turns this layer off.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._lock = threading.Lock()
        self._entries = self._new_entries()
        # Tests change settings (CORS, CSP) between requests; a server restarts instead.
        setting_changed.connect(self._forget)

    @staticmethod
    def _new_entries():
        budget = max(1, int(home_settings.CONTENT_CACHE_MEMORY))
        return LRUCache(maxsize=budget, getsizeof=_entry_size)

    def _forget(self, **kwargs):
        with self._lock:
            self._entries = self._new_entries()

    def __call__(self, request):
        if not self._may_send_kept(request):
            return self.get_response(request)
        # A key of this process only: no need to hash it.
        key = (
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            *(request.META.get(header, "") for header in _KEY_HEADERS),
        )
        with self._lock:
            item = self._entries.get(key)
        # The generation is read only when a copy is kept for the key: other requests
        # (previews, the admin, errors) cost nothing here.
        if item is not None:
            entry, checks = item
            if entry.generation == current_generation().token and all(
                check(request) for check in checks
            ):
                return entry.to_response()
        response = self.get_response(request)
        if request.method == "GET" and self._may_keep(response):
            self._keep(key, response)
        return response

    @staticmethod
    def _may_send_kept(request):
        return (
            request.method in ("GET", "HEAD")
            and home_settings.CONTENT_CACHE_MEMORY > 0
            and cache.is_enabled()
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not any(header in request.META for header in CONDITIONAL_HEADERS)
        )

    @staticmethod
    def _may_keep(response):
        generation = getattr(response, "shared_generation", None)
        if generation is None or is_unreachable(generation) or not cache.is_storable(response):
            return False
        vary = {
            field.strip().lower()
            for field in cc_delim_re.split(response.headers.get("Vary", ""))
            if field.strip()
        }
        return vary <= _COVERED_VARY

    def _keep(self, key, response):
        changed_at = getattr(response, "changed_at", None)
        unkept = _UNKEPT_HEADERS if changed_at is not None else _UNKEPT_HEADERS - {"last-modified"}
        # The generation the response cache read before rendering (or the entry's): a
        # change committed since then makes this copy unreachable.
        entry = cache.CachedResponse.from_response(response, response.shared_generation, unkept)
        with self._lock:
            # An entry larger than the whole budget is not kept (cachetools raises).
            if _entry_size((entry, ())) <= self._entries.maxsize:
                self._entries[key] = (entry, response.shared_checks)
