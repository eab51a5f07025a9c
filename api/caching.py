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

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from wagtail.models import ModelLogEntry, Page, PageLogEntry

#: Default of the ``API_CACHE_MAX_AGE`` setting, in seconds.
DEFAULT_CACHE_MAX_AGE = 300


def cache_max_age():
    """Return the ``max-age`` of API responses in seconds (setting ``API_CACHE_MAX_AGE``)."""
    return int(getattr(settings, "API_CACHE_MAX_AGE", DEFAULT_CACHE_MAX_AGE))


#: Page log actions that change what the public sees. Draft saves, locks, comments and
#: workflow steps are left out: they must neither move Last-Modified nor reveal that
#: editors are working on unpublished content.
PUBLIC_PAGE_ACTIONS = (
    "wagtail.publish",
    "wagtail.publish.scheduled",
    "wagtail.unpublish",
    "wagtail.unpublish.scheduled",
    "wagtail.rename",
    "wagtail.move",
    "wagtail.reorder",
    "wagtail.delete",
    "wagtail.copy",
    "wagtail.create_alias",
    "wagtail.convert_alias",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
)


def content_changed_at(pages=()):
    """Return the latest moment (aware ``datetime``) public API content may have changed.

    That is the latest of: the ``last_published_at`` of ``pages``; Wagtail's audit log
    of pages (publish, unpublish, move, delete, view restriction changes) and of other
    models (images, documents); and any ``expire_at`` already passed (a page leaves the
    API when it expires, before the scheduled unpublish runs). Never later than now.
    Three aggregate queries, whatever the number of pages.
    """
    now = timezone.now()
    candidates = [page.last_published_at for page in pages]
    public_actions = PageLogEntry.objects.filter(action__in=PUBLIC_PAGE_ACTIONS)
    candidates.append(public_actions.aggregate(latest=Max("timestamp"))["latest"])
    candidates.append(ModelLogEntry.objects.aggregate(latest=Max("timestamp"))["latest"])
    candidates.append(
        Page.objects.filter(expire_at__lte=now).aggregate(latest=Max("expire_at"))["latest"]
    )
    known = [moment for moment in candidates if moment is not None]
    return min(max(known), now) if known else None


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
