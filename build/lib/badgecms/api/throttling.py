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
