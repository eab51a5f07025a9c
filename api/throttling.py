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
