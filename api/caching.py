"""HTTP caching of the content API, in one place: the response cache, the caching
headers and conditional requests (RFC 9110 section 13, RFC 9111).

How it works: docs/architecture.md, section ``badgecms.api.caching``.
"""

from datetime import UTC, datetime
from functools import partial

from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from rest_framework.exceptions import Throttled

from badgecms.api.conf import api_settings
from badgecms.api.errors import error_body
from badgecms.api.throttling import throttles_allow
from badgecms.home.caching import responses as cache
from badgecms.home.caching.conditional import answer_conditional, set_last_modified
from badgecms.home.caching.generation import current_generation

#: Default of the ``API_CACHE_MAX_AGE`` setting, in seconds.
DEFAULT_CACHE_MAX_AGE = 300


def cache_max_age():
    """Return the ``max-age`` of API responses in seconds (setting ``API_CACHE_MAX_AGE``)."""
    return int(api_settings.API_CACHE_MAX_AGE)


def content_changed_at(pages=()):
    """Return the latest moment (aware ``datetime``) public API content may have changed.

    That is the latest of: the ``last_published_at`` of ``pages`` and the start of the
    current content generation (:mod:`badgecms.home.caching.generation`), which begins
    with every change to public content and at the expiry of a live page. Never later
    than now. No SQL query while the generation lasts (with a shared cache).
    """
    now = timezone.now()
    candidates = [page.last_published_at for page in pages if page.last_published_at]
    candidates.append(datetime.fromtimestamp(current_generation().started_at, tz=UTC))
    return min(max(candidates), now)


def precondition_failed(request, header):
    """The ``412 Precondition Failed`` answer in the API's error shape; ``header`` is
    the request header whose condition failed (``If-Match``, ``If-Unmodified-Since``)."""
    response = JsonResponse(
        error_body(
            "precondition_failed",
            f"The {header} condition does not match the current representation.",
            header,
        ),
        status=412,
    )
    patch_cache_control(response, no_store=True)
    patch_vary_headers(response, ["Accept"])
    return response


class HTTPCachingMixin:
    """DRF ``APIView`` mixin: caching headers, the response cache and conditional
    requests, as described in this module.

    A view may define ``get_last_modified()`` returning an aware ``datetime`` or None;
    by default the view's ``pages_shown`` (set while building the response) feed
    :func:`content_changed_at`. ``cache_responses = False`` keeps the headers but never
    looks up or stores responses.
    """

    pages_shown = ()
    cache_responses = True

    def get_last_modified(self):
        return content_changed_at(self.pages_shown)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            patch_cache_control(response, no_store=True)
            return response
        patch_cache_control(response, public=True, max_age=cache_max_age())
        response.render()
        set_response_etag(response)
        last_modified = self.get_last_modified()
        set_last_modified(response, last_modified.timestamp() if last_modified else None)
        return response

    def _throttles_allow(self, request, args, kwargs):
        if not self.throttle_classes:
            return True
        self.args, self.kwargs = args, kwargs
        try:
            self.check_throttles(self.initialize_request(request, *args, **kwargs))
        except Throttled:
            return False
        return True

    def _shared_checks(self):
        # A copy served before the view runs still counts against the client's rate.
        if not self.throttle_classes:
            return ()
        return (partial(throttles_allow, tuple(self.throttle_classes)),)

    def _cached_dispatch(self, request, args, kwargs):
        key = cache.response_key("api", request, request.META.get("HTTP_ACCEPT", ""))
        entry, generation = cache.lookup(key)
        if entry is not None and self._throttles_allow(request, args, kwargs):
            return cache.mark_shared(entry.to_response(), entry.generation, self._shared_checks())
        # A throttled hit goes the normal way: the throttle answers 429 there.
        response = super().dispatch(request, *args, **kwargs)
        if entry is None and response.status_code == 200:
            response.render()
            if cache.is_storable(response):
                cache.store(key, generation, response)
                cache.mark_shared(response, generation.token, self._shared_checks())
        return response

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and self.cache_responses and cache.is_enabled():
            response = self._cached_dispatch(request, args, kwargs)
        else:
            response = super().dispatch(request, *args, **kwargs)
        return answer_conditional(request, response, precondition_failed)
