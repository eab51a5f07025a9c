"""Throttling of anonymous API clients (Django REST framework throttles).

The rate is ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]`` (``"120/minute"`` unless
``API_THROTTLE_ANON_RATE`` says otherwise). A client over the rate gets 429 with a
``Retry-After`` header (seconds, RFC 9110 section 10.2.3) and the API's error body.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's ``AnonRateThrottle`` keyed by client IP address (``REMOTE_ADDR``, or
    ``X-Forwarded-For`` as DRF's ``NUM_PROXIES`` allows), reading its rate when a request
    arrives rather than once at import, so a settings change takes effect at once."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
