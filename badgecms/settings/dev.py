"""Local development settings: DEBUG on, a fixed insecure key that never leaves this machine."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-local-development-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The example frontend (examples/frontend) may call the local API from any port of this
# machine, unless CORS_ALLOWED_ORIGINS names the allowed origins.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")  # noqa: F405
if not CORS_ALLOWED_ORIGINS:
    CORS_ALLOWED_ORIGIN_REGEXES = [r"^http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$"]
# Webhook receivers on this machine (a local frontend, the tests' receiver) are allowed.
BADGECMS = {
    **BADGECMS,  # noqa: F405
    "WEBHOOKS_ALLOWED_PRIVATE_NETWORKS": ["127.0.0.0/8", "::1/128"],
}
