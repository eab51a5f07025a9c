"""Settings shared by every environment of badgecms.

Everything that differs between machines is read from the environment; see
``docs/settings.md`` for the list. Environment-specific modules (``dev``, ``test``,
``production``) import from here and override.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from corsheaders.defaults import default_headers
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """Return the comma-separated environment variable ``name`` as a list of strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    """Return the environment variable ``name`` as a boolean.

    ``1``, ``true``, ``yes``, ``on`` are true and ``0``, ``false``, ``no``, ``off``, ``""``
    false (any case); unset gives ``default``. Raises ImproperlyConfigured otherwise.
    """
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false.")


def env_int(name, default):
    """Return the environment variable ``name`` as an integer (``default`` when unset).

    Raises ImproperlyConfigured naming the variable when it is not a whole number.
    """
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def cache_settings(url, directory, fail_soft=False):
    """Return Django's ``CACHES["default"]`` for a cache URL.

    ``fail_soft``: a Redis that cannot be reached reads as empty and ignores writes
    (django-redis with ``IGNORE_EXCEPTIONS``), for the caches of counters and Wagtail's
    lookups; the response cache needs the errors to see an outage (docs/caching.md).

    ``redis://``, ``rediss://`` and ``unix://`` URLs (redis-py syntax, database number as
    the path: ``redis://host:6379/1``) use Django's built-in Redis cache; ``""`` uses
    Django's file-based cache in ``directory`` (a ``Path``), shared by every process of
    the machine; ``locmem://`` uses process-local memory (badgecms then checks its
    content generation in the database on each request); ``dummy://`` caches nothing.
    Raises ImproperlyConfigured for any other scheme.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("redis", "rediss", "unix") and fail_soft:
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "badgecms"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    if scheme in ("redis", "rediss", "unix"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "badgecms"),
            # A Redis that stops answering fails a request's cache call within seconds
            # (the response cache then renders from the database) instead of hanging.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    if scheme == "":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(directory),
            # Django culls a third of the entries, at random, beyond this number.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL/REDIS_URL scheme {scheme!r} is not supported: use redis://, rediss://, "
        "unix://, locmem:// or dummy:// (or nothing: the file-based cache in CACHE_DIR)."
    )


def origin(url):
    """Return ``"scheme://host[:port]"`` of an absolute URL, or None for a relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


INSTALLED_APPS = [
    "badgecms.home",
    "badgecms.faq",
    "badgecms.api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: a public page or API response kept as this stack sent it is sent again
    # before any other middleware runs (docs/caching.md).
    "badgecms.home.caching.middleware.ResponseCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before CommonMiddleware, so that CORS headers reach every /api/ response.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The editor's preview POSTs parsed by the multipart library before anything reads
    # request.POST (docs/architecture.md).
    "badgecms.home.editors.preview_forms.PreviewFormParsingMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # The page editor may frame only the frontend of its "Frontend" preview mode.
    "badgecms.api.middleware.EditorFrameSourceMiddleware",
    # django-axes: last, so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "badgecms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "badgecms.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (dj-database-url syntax) overrides it.
# An empty DATABASE_URL counts as unset.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", False),
    )
}

# SQLite for concurrent editors and processes (Django 5.2 options): write-ahead logging,
# so that readers never wait for a writer; a writer waits up to DATABASE_BUSY_TIMEOUT
# seconds for another instead of failing with "database is locked"; and transactions
# take the write lock when they begin (BEGIN IMMEDIATE), because a transaction that read
# first could not wait for it and would fail at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DATABASE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = os.environ.get("STATIC_URL", "/static/")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Media: Django's file system storage that removes a file whose write failed (disk full)
# and an image form that turns a full disk into a form error (docs/reliability.md).
STORAGES = {
    "default": {"BACKEND": "badgecms.home.media_storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Page editor forms with many FAQ items exceed Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50_000

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Badge landing pages")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The admin works offline and calls no third party: no Gravatar avatars, no check of
# Wagtail's release feed.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_IMAGE_FORM_BASE = "badgecms.home.image_forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# Settings of the badgecms apps (defaults in home/conf.py and api/conf.py; every key in
# docs/settings.md), here from the environment.
BADGECMS = {
    # Response cache of the public HTML page and JSON: the Django cache it uses and the
    # seconds an entry may stay (0 turns it off).
    "CONTENT_CACHE_ALIAS": os.environ.get("CONTENT_CACHE_ALIAS", "content"),
    "CONTENT_CACHE_TIMEOUT": env_int("CONTENT_CACHE_TIMEOUT", 24 * 60 * 60),
    # Content API: Cache-Control max-age (seconds) and requests per client IP address.
    "API_CACHE_MAX_AGE": env_int("API_CACHE_MAX_AGE", 300),
    "API_THROTTLE_RATE": os.environ.get("API_THROTTLE_ANON_RATE", "120/minute"),
    "API_THROTTLE_PROXIES": env_int("API_THROTTLE_PROXIES", 0),
    # Headless preview: the frontend URL that renders a draft, and a token's lifetime.
    "FRONTEND_PREVIEW_URL": os.environ.get("FRONTEND_PREVIEW_URL", ""),
    "PREVIEW_TOKEN_MAX_AGE": env_int("PREVIEW_TOKEN_MAX_AGE", 3600),
    # Lifetime of a new review link (shareable link to a draft), in seconds.
    "REVIEW_LINK_MAX_AGE": env_int("REVIEW_LINK_MAX_AGE", 7 * 24 * 60 * 60),
    # Webhooks: private networks allowed as receivers, the task backend delivering them.
    "WEBHOOKS_ALLOWED_PRIVATE_NETWORKS": env_list("WEBHOOKS_ALLOWED_PRIVATE_NETWORKS"),
    "WEBHOOKS_TASK_BACKEND": "webhooks",
    # Credly badge sync (sync_credly_badges, the admin's "Sync from Credly").
    "CREDLY_API_BASE_URL": os.environ.get("CREDLY_API_BASE_URL", "https://api.credly.com"),
    "CREDLY_API_TOKEN": os.environ.get("CREDLY_API_TOKEN", ""),
    "CREDLY_ORGANIZATION_ID": os.environ.get("CREDLY_ORGANIZATION_ID", ""),
    # Contact e-mail in the Open Badges issuer profile of badges defined here.
    "OPEN_BADGES_ISSUER_EMAIL": os.environ.get("OPEN_BADGES_ISSUER_EMAIL", ""),
}

# Background tasks (django-tasks, as Wagtail 8 uses it). Wagtail's own tasks keep running
# at once ("default"); webhooks go to a queue in the database, which `manage.py db_worker
# --backend webhooks` works through (docs/webhooks.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# CDN purge through Wagtail's frontend cache, only when FRONTEND_CACHE_PURGE_URL names the
# purge endpoint of the CDN or caching proxy (HTTP PURGE requests, e.g. Varnish).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# CORS (django-cors-headers): browsers on these origins may read the API; /api/ only.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Conditional request headers are not CORS-safelisted: browsers ask first.
CORS_ALLOW_HEADERS = [*default_headers, "if-none-match", "if-modified-since"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Caches. "default" (throttle counters, Wagtail's own caches): Redis when CACHE_URL (or
# REDIS_URL) is set, else the memory of each process. "content" (the response cache of
# the landing pages and the API, CONTENT_CACHE_ALIAS): Redis too when set, else files in
# CACHE_DIR that every process of this machine shares (server workers,
# publish_scheduled, imports), so a warm hit needs no SQL query (docs/caching.md).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHE_DIR = Path(os.environ.get("CACHE_DIR") or BASE_DIR / "var" / "cache")
CACHES = {
    "default": cache_settings(CACHE_URL or "locmem://", CACHE_DIR, fail_soft=True),
    "content": cache_settings(CACHE_URL, CACHE_DIR),
}

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Security headers of every response (SecurityMiddleware, XFrameOptionsMiddleware).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) of the public pages and the API: no inline script
# or style, nothing from other origins except where static files, media and the admin
# (the editors' userbar) are served from. The Wagtail admin uses inline scripts and
# styles, so it is excluded rather than weakening the public policy.
_ASSET_ORIGINS = sorted(
    {o for o in map(origin, (STATIC_URL, MEDIA_URL, WAGTAILADMIN_BASE_URL)) if o}
)
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_ASSET_ORIGINS],
        "style-src": [SELF, *_ASSET_ORIGINS],
        "img-src": [SELF, "data:", *_ASSET_ORIGINS],
        "font-src": [SELF, *_ASSET_ORIGINS],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # 'self', not 'none': Wagtail renders the admin preview through the middleware
        # stack, and the admin's preview panel frames it from the same origin.
        "frame-ancestors": [SELF],
    },
}

# Admin login throttling (django-axes): AXES_FAILURE_LIMIT failed logins for one
# username from one IP address lock that pair out for AXES_COOLOFF_TIME hours.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_TIME", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# django-redis logs what IGNORE_EXCEPTIONS swallows (a Redis outage), see docs/caching.md.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
