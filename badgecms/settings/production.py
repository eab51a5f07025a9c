"""Production settings: refuse to start without SECRET_KEY and ALLOWED_HOSTS.

Everything else comes from the environment (see ``docs/settings.md`` and
``.env.example``). With the documented environment, ``manage.py check --deploy`` gives
no warning: HTTPS only (redirect, HSTS, secure cookies), static files served by WhiteNoise
from ``STATIC_ROOT`` with hashed names, errors logged to stderr and never shown.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY.strip():
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: export a long random SECRET_KEY before starting badgecms."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set: export the comma-separated host names this site answers to."
    )

# Links in notification e-mails and the editors' userbar; by default the first host.
if "WAGTAILADMIN_BASE_URL" not in os.environ and not ALLOWED_HOSTS[0].startswith((".", "*")):
    WAGTAILADMIN_BASE_URL = f"https://{ALLOWED_HOSTS[0]}"

# Static files: WhiteNoise serves the output of `collectstatic` with hashed, compressed,
# far-future-cached names, so no separate static file server is needed behind a CDN.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only. Behind a proxy or load balancer that terminates TLS, set
# SECURE_PROXY_SSL_HEADER to the header it sets (X-Forwarded-Proto) and make sure the
# proxy overwrites that header on every request.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
_proxy_ssl_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.upper().replace("-", "_"),
        "https",
    )
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Errors go to stderr (gunicorn's log), with the traceback; responses never show them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
