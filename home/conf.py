"""Settings of ``badgecms.home`` and their defaults (keys of ``settings.BADGECMS``)."""

from badgecms.conf import AppSettings

DEFAULTS = {
    # Response cache of the public page and JSON: the Django cache alias it uses and the
    # seconds an entry may stay (0 turns the cache off).
    "CONTENT_CACHE_ALIAS": "default",
    "CONTENT_CACHE_TIMEOUT": 24 * 60 * 60,
    # Bytes of response bodies each process keeps in memory for ResponseCacheMiddleware
    # (the top of MIDDLEWARE); 0 turns that layer off.
    "CONTENT_CACHE_MEMORY": 32 * 1024 * 1024,
    # Organisation slugs of certification links that the dashboard and editor flag as
    # placeholders still to replace (lower-case substrings).
    "PLACEHOLDER_ORGANISATIONS": [
        "example",
        "placeholder",
        "your-organisation",
        "your-organization",
        "your-org",
        "tencent-cloud-llc",
    ],
    # Page types (``"app_label.ModelName"``) a landing page may be created under; None
    # allows any page type.
    "PARENT_PAGE_TYPES": None,
    # Credly's web service API (badge sync): its base URL, the organisation's API token
    # (HTTP Basic user name; read from the environment, never stored in the database), the
    # organisation synced by the admin's "Sync from Credly" action, and the seconds one
    # request may take.
    "CREDLY_API_BASE_URL": "https://api.credly.com",
    "CREDLY_API_TOKEN": "",
    "CREDLY_ORGANIZATION_ID": "",
    "CREDLY_TIMEOUT": 15,
    # Contact e-mail of the issuer in the Open Badges Issuer/Profile documents ("" leaves
    # it out); the name and URL are the site's.
    "OPEN_BADGES_ISSUER_EMAIL": "",
    # The template the landing page template extends; it must have a ``content`` block.
    "BASE_TEMPLATE": "base.html",
    # The stylesheet (a static file path) the page links; the default is the standalone
    # site's theme, which styles the whole page. None: the site's own styles only.
    "STYLESHEET": "badgecms_home/css/site.css",
}

home_settings = AppSettings(DEFAULTS)
