"""Local development settings: DEBUG on, a fixed insecure key that never leaves this machine."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-local-development-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The example frontend (examples/frontend, served on port 3000 by the README's one-liner)
# may call the local API unless CORS_ALLOWED_ORIGINS says otherwise.
CORS_ALLOWED_ORIGINS = env_list(  # noqa: F405
    "CORS_ALLOWED_ORIGINS", "http://127.0.0.1:3000,http://localhost:3000"
)
# Webhook receivers on this machine (a local frontend, the tests' receiver) are allowed.
BADGECMS = {
    **BADGECMS,  # noqa: F405
    "WEBHOOKS_ALLOWED_PRIVATE_NETWORKS": ["127.0.0.0/8", "::1/128"],
}
