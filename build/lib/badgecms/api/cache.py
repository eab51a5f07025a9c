"""Response caching of the content API: :class:`CachedResponseMixin` keeps the finished
JSON of a view (bytes, ``ETag``, ``Last-Modified`` and the other headers the view set)
in the content response cache of :mod:`badgecms.home.caching.responses` and serves it again with
zero SQL
queries, invalidated exactly by the content generation.

Put the mixin first in a DRF view's bases::

    class PageDetailView(CachedResponseMixin, RetrieveAPIView): ...

Only ``GET`` and ``HEAD`` responses with status 200 are stored; errors (400, 404, 429)
never are. The key is the scheme, host, path, raw query string and ``Accept`` header,
so every query parameter variant is its own entry. A hit still runs the view's
throttles (DRF) and answers conditional requests (``If-None-Match``,
``If-Modified-Since``: RFC 9110 section 13) with ``304``; middleware (CORS, security
headers) applies to hits as to misses.
"""

from rest_framework.exceptions import Throttled

from badgecms.home.caching import responses as cache


class CachedResponseMixin:
    """DRF ``APIView`` mixin serving ``GET``/``HEAD`` from the content response cache.

    A response without an ``ETag`` gets a strong one (MD5 of the body) when stored, so
    that every cached response can be revalidated.
    """

    def _throttles_allow(self, request, args, kwargs):
        if not self.throttle_classes:
            return True
        self.args, self.kwargs = args, kwargs
        try:
            self.check_throttles(self.initialize_request(request, *args, **kwargs))
        except Throttled:
            return False
        return True

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not cache.is_enabled():
            return super().dispatch(request, *args, **kwargs)
        key = cache.response_key("api", request, request.META.get("HTTP_ACCEPT", ""))
        entry, generation = cache.lookup(key)
        if entry is not None and self._throttles_allow(request, args, kwargs):
            return entry.to_response(request)
        # A throttled hit goes the normal way: the throttle answers 429 there.
        response = super().dispatch(request, *args, **kwargs)
        if entry is not None or response.status_code != 200:
            return response
        response.render()
        if not cache.is_storable(response):
            return response
        entry = cache.store(key, generation, response)
        return cache.conditional_response(request, entry.etag, entry.last_modified, response)
