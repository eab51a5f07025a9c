"""Settings of ``badgecms.api`` and their defaults (keys of ``settings.BADGECMS``).

The API reads nothing from the host's ``REST_FRAMEWORK`` or ``SPECTACULAR_SETTINGS``: its
views set their own renderers, parser, exception handler, throttles and pagination.
"""

from badgecms.conf import AppSettings

DEFAULTS = {
    # Seconds shared caches and browsers may reuse an API response (Cache-Control max-age).
    "API_CACHE_MAX_AGE": 300,
    # Requests per client IP address: DRF's "<number>/<second|minute|hour|day>" syntax.
    "API_THROTTLE_RATE": "120/minute",
    # Trusted reverse proxies in front of the site (X-Forwarded-For entries to skip from
    # the right when identifying a client for throttling); 0: REMOTE_ADDR only.
    "API_THROTTLE_PROXIES": 0,
    # The frontend page that renders a draft from a preview token (per-site setting's
    # default), and a preview token's lifetime in seconds.
    "FRONTEND_PREVIEW_URL": "",
    "PREVIEW_TOKEN_MAX_AGE": 3600,
    # Lifetime in seconds of a new review link (a shareable link to a page's latest draft).
    "REVIEW_LINK_MAX_AGE": 7 * 24 * 60 * 60,
    # Webhooks (docs/webhooks.md): networks (CIDR) that may receive webhooks although
    # private or loopback (none: public addresses only); the django-tasks backend that
    # delivers them; seconds a receiver has to answer; seconds of failures after which
    # an endpoint is switched off.
    "WEBHOOKS_ALLOWED_PRIVATE_NETWORKS": [],
    "WEBHOOKS_TASK_BACKEND": "default",
    "WEBHOOKS_TIMEOUT": 10,
    "WEBHOOKS_DISABLE_AFTER": 24 * 60 * 60,
}

api_settings = AppSettings(DEFAULTS)
