"""Throttling of anonymous API clients (Django REST framework throttles).

The rate is ``BADGECMS["API_THROTTLE_RATE"]`` (``"120/minute"`` by default; the host's
``REST_FRAMEWORK`` is not read). A client over the rate gets 429 with a
``Retry-After`` header (seconds, RFC 9110 section 10.2.3) and the API's error body.
"""

from rest_framework.throttling import AnonRateThrottle

from badgecms.api.conf import api_settings


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's ``AnonRateThrottle`` keyed by client IP address (``REMOTE_ADDR``, or
    ``X-Forwarded-For`` as DRF's ``NUM_PROXIES`` allows), reading its rate when a request
    arrives rather than once at import, so a settings change takes effect at once."""

    def get_rate(self):
        return api_settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        """The throttle's cache key for ``request``: its scope and client address. The
        content API authenticates nobody, so every client is anonymous; unlike DRF's,
        this needs no ``request.user`` (a Django ``HttpRequest`` before
        ``AuthenticationMiddleware`` will do, see :func:`throttles_allow`)."""
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request):
        """The client's IP address: ``REMOTE_ADDR``; behind ``API_THROTTLE_PROXIES``
        trusted proxies (an integer, 0 by default), the address the farthest of them saw,
        counted from the right of ``X-Forwarded-For``. A client cannot choose its own
        identity by sending that header (DRF's default trusts it when ``NUM_PROXIES`` is
        unset)."""
        proxies = int(api_settings.API_THROTTLE_PROXIES or 0)
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if proxies > 0 and forwarded:
            addresses = [address.strip() for address in forwarded.split(",")]
            return addresses[-min(proxies, len(addresses))]
        return request.META.get("REMOTE_ADDR", "")


def throttles_allow(throttle_classes, request):
    """True when every throttle of ``throttle_classes`` (DRF throttle classes that need
    no view, such as :class:`AnonymousRateThrottle`) lets ``request`` (a Django or DRF
    request) through; each one that does records the request, as DRF's
    ``check_throttles`` does. Used for responses served before the view runs
    (:mod:`badgecms.home.caching.middleware`): a False sends the request to the view,
    whose throttle then answers 429."""
    return all(throttle().allow_request(request, None) for throttle in throttle_classes)
