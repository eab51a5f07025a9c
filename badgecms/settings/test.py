"""Test settings: fast password hasher, local-memory cache and a file-based response
cache of the run (Redis when CACHE_URL/REDIS_URL is set), plain static storage, login
throttling off except in its own tests."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# CACHES as in base: "content" in files of a directory of this run unless CACHE_DIR is
# set (shared with the processes a test starts); Redis when CACHE_URL/REDIS_URL is set
# (`make test-postgres`).
if not os.environ.get("CACHE_DIR"):
    CACHE_DIR = Path(tempfile.mkdtemp(prefix="badgecms-test-cache-"))  # noqa: F405
    atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)
    CACHES = {**CACHES, "content": cache_settings(CACHE_URL, CACHE_DIR)}  # noqa: F405
# django-axes is off (Django's test client logs in without a request); the login
# throttling tests switch it on.
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media-test"))  # noqa: F405
# High enough that no test but the throttling test (which overrides it) meets the limit.
BADGECMS = {**BADGECMS, "API_THROTTLE_RATE": "100000/minute"}  # noqa: F405
# Webhook receivers on this machine (the tests' receiver) are allowed.
BADGECMS["WEBHOOKS_ALLOWED_PRIVATE_NETWORKS"] = ["127.0.0.0/8", "::1/128"]
# The webhook tests run a real worker process, which must reach the test database: on
# SQLite it is a file (next to manage.py), not memory.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405
