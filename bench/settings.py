"""Settings of the benchmark server: the production-like project (DEBUG off) on a SQLite
database of its own, plus Wagtail's stock API v2 and the pre-built-bytes view
(``bench.urls``). Everything comes from the environment the driver (``bench.run``) sets:
``BENCH_DATABASE`` (SQLite file), ``BENCH_CEILING_DIR`` (pre-built bodies),
``MEDIA_ROOT`` and ``CONTENT_CACHE_TIMEOUT`` (``0`` for the uncached "cold" server).
"""

import os

from badgecms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "benchmark-only-key-on-loopback"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]  # noqa: F405
# Persistent connections, as .env.example and docs/deployment.md set them for gunicorn
# (DATABASE_CONN_MAX_AGE=60): every server of the table, stock API v2 included.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DATABASE", "bench.sqlite3"),
        "CONN_MAX_AGE": 60,
    }
}
# The standalone project's caches: local memory, and the response cache in files every
# worker shares (BENCH_CACHE_DIR, next to the database by default).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "content": cache_settings(  # noqa: F405
        "", os.environ.get("BENCH_CACHE_DIR") or f"{DATABASES['default']['NAME']}.cache"
    ),
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No throttling: every row of the table is measured without it (stock API v2 has none).
BADGECMS = {**BADGECMS, "API_THROTTLE_RATE": None}  # noqa: F405  (no throttling)
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
BENCH_CEILING_DIR = os.environ.get("BENCH_CEILING_DIR", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}
