"""OpenAPI description pieces shared by the content API views (drf-spectacular).

The serializers here only describe JSON the views build in other ways (the error body
of :mod:`badgecms.api.errors`, the pagination envelope of :mod:`badgecms.api.pagination`); they are
never
used to produce responses.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from badgecms.api.framework import ContentAPIConfigMixin
from badgecms.api.serializers import FAQSearchResultSerializer, LandingPageSerializer


class ErrorDetailSerializer(serializers.Serializer):
    """What went wrong: a stable ``code``, a ``message`` for people and the ``field``
    (query parameter) at fault, or null."""

    code = serializers.CharField(
        help_text="invalid_parameter, not_found, method_not_allowed, not_acceptable, throttled…"
    )
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True)


class ErrorSerializer(serializers.Serializer):
    """The one error body of the API: ``{"error": {"code", "message", "field"}}``."""

    error = ErrorDetailSerializer()


class PaginatedLandingPageListSerializer(serializers.Serializer):
    """A page of landing pages: ``count`` over all pages, ``next``/``previous`` links."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LandingPageSerializer(many=True)


class PaginatedFAQItemListSerializer(serializers.Serializer):
    """A page of FAQ items: ``count`` over all pages, ``next``/``previous`` links."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = FAQSearchResultSerializer(many=True)


def _header(name, description, response=None, required=False):
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=required,
        description=description,
        response=response or False,
    )


#: Request headers of conditional GETs and the validators and caching headers returned.
CACHING_HEADERS = [
    _header("If-None-Match", "ETag(s) held by the client; a match gives 304."),
    _header(
        "If-Modified-Since",
        "HTTP date; 304 when nothing changed since (ignored when If-None-Match is sent).",
    ),
    _header(
        "If-Match",
        "ETag(s) the client expects (strong comparison); no match gives 412.",
    ),
    _header(
        "If-Unmodified-Since",
        "HTTP date; 412 when the content changed since (ignored when If-Match is sent).",
    ),
    _header("ETag", "Strong validator of the response body.", response=[200, 304], required=True),
    _header(
        "Last-Modified",
        "When the content may last have changed; sent once that second is over.",
        response=[200, 304],
    ),
    _header(
        "Cache-Control",
        "`public, max-age=<API_CACHE_MAX_AGE>` on success, `no-store` on errors.",
        response=[200, 304],
        required=True,
    ),
]

_ERROR_DESCRIPTIONS = {
    400: "A query parameter is unknown, repeated or invalid; `error.field` names it.",
    404: "No published, public page matches (the same body for drafts, restricted pages "
    "and ids that never existed).",
    412: "`If-Match` or `If-Unmodified-Since` does not hold; `error.field` names the header.",
    429: "Too many requests from this client; retry after `Retry-After` seconds.",
    503: "The database cannot be reached (e.g. PostgreSQL restarting); retry after "
    "`Retry-After` seconds.",
}


def responses(ok, *errors):
    """Return drf-spectacular ``responses``: ``ok`` for 200, a bodiless 304, and the error
    body for each status code of ``errors`` (400, 404) plus 406, 412, 429 and 503."""
    documented = {
        200: ok,
        304: OpenApiResponse(description="Not Modified: the cached copy is still current."),
        406: OpenApiResponse(ErrorSerializer, description="The API only speaks JSON."),
        412: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[412]),
        429: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[429]),
        503: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[503]),
    }
    for status_code in errors:
        documented[status_code] = OpenApiResponse(
            ErrorSerializer, description=_ERROR_DESCRIPTIONS[status_code]
        )
    return documented


#: The ``Retry-After`` response header of 429 and 503 responses.
RETRY_AFTER = _header(
    "Retry-After", "Seconds to wait before retrying.", response=[429, 503], required=True
)


def content_api_endpoints(endpoints):
    """drf-spectacular preprocessing hook: describe the content API's own views only
    (wherever the site mounts them; not the host's views or Wagtail's admin API), leaving
    the catch-all 404 route out."""
    return [
        (path, path_regex, method, callback)
        for path, path_regex, method, callback in endpoints
        if issubclass(getattr(callback, "cls", object), ContentAPIConfigMixin)
        and getattr(callback.cls, "schema", None) is not None
    ]
