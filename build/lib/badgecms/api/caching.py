"""HTTP caching of content API responses (RFC 9110 conditional requests, RFC 9111).

Every successful ``GET``/``HEAD`` response carries:

- ``ETag``: a strong validator, the MD5 of the exact response body (Django's
  ``set_response_etag``), so it changes whenever a byte of the JSON changes;
- ``Last-Modified``: :func:`content_changed_at`, the latest moment anything the API
  shows may have changed;
- ``Cache-Control: public, max-age=<API_CACHE_MAX_AGE>`` and ``Vary: Accept`` (the
  CORS middleware adds ``Origin``).

``If-None-Match`` (which takes precedence) and ``If-Modified-Since`` give ``304 Not
Modified`` through Django's ``get_conditional_response``. Error responses carry
``Cache-Control: no-store`` so that no shared cache keeps a 4xx (a 429 above all).
"""

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from badgecms.api.conf import api_settings
from badgecms.home.caching.responses import current_generation

#: Default of the ``API_CACHE_MAX_AGE`` setting, in seconds.
DEFAULT_CACHE_MAX_AGE = 300


def cache_max_age():
    """Return the ``max-age`` of API responses in seconds (setting ``API_CACHE_MAX_AGE``)."""
    return int(api_settings.API_CACHE_MAX_AGE)


def content_changed_at(pages=()):
    """Return the latest moment (aware ``datetime``) public API content may have changed.

    That is the latest of: the ``last_published_at`` of ``pages`` and the start of the
    current content generation (:mod:`badgecms.home.caching.responses`), which begins with every
    change to
    public content (publish, unpublish, move, delete, view restriction, site, image or
    document changes) and at the expiry of a live page (a page leaves the API when it
    expires, before the scheduled unpublish runs). Never later than now. No SQL query
    while the generation lasts.
    """
    now = timezone.now()
    candidates = [page.last_published_at for page in pages if page.last_published_at]
    candidates.append(datetime.fromtimestamp(current_generation().started_at, tz=UTC))
    return min(max(candidates), now)


class ConditionalGetMixin:
    """DRF ``APIView`` mixin adding the headers described in this module.

    A view may define ``get_last_modified()`` returning an aware ``datetime`` or None;
    by default the view's ``pages_shown`` (set while building the response) feed
    :func:`content_changed_at`.
    """

    pages_shown = ()

    def get_last_modified(self):
        return content_changed_at(self.pages_shown)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            patch_cache_control(response, no_store=True)
            return response
        patch_cache_control(response, public=True, max_age=cache_max_age())
        response.render()
        set_response_etag(response)
        last_modified = self.get_last_modified()
        timestamp = None
        if last_modified is not None:
            timestamp = int(last_modified.timestamp())
            response.headers["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(
            request, etag=response.headers["ETag"], last_modified=timestamp, response=response
        )
