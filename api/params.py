"""Query parameters of the content API, one DRF serializer per endpoint.

Each serializer lists every parameter its endpoint accepts (drf-spectacular documents
them from it). :meth:`QueryParameters.from_request` refuses, with a 400 naming the
parameter, any parameter that is unknown, repeated, malformed, out of range or holding a
NUL character, so no bad value ever reaches the database (on SQLite or PostgreSQL).
"""

from rest_framework import serializers
from wagtail.models import Locale

from badgecms.api.errors import InvalidParameter

#: Page size when ``limit`` is not given.
DEFAULT_LIMIT = 20
#: Largest page size; a larger ``limit`` is clamped to it (documented in docs/api.md).
MAX_LIMIT = 100
#: Largest ``offset`` accepted (PostgreSQL's and SQLite's 32-bit safe range).
MAX_OFFSET = 2_147_483_647
#: Largest id accepted (a 64-bit primary key).
MAX_ID = 2**63 - 1
#: Sort orders of the page listing: field name, ``-`` for descending.
PAGE_ORDERS = [
    "path",
    "title",
    "-title",
    "first_published_at",
    "-first_published_at",
    "last_published_at",
    "-last_published_at",
    "id",
    "-id",
]


def refuse_repeated(query):
    """Raise :class:`~badgecms.api.errors.InvalidParameter` (HTTP 400) naming the first
    parameter of ``query`` (a ``QueryDict``) given more than once (``?token=a&token=b``):
    which one was meant cannot be known, so none is used."""
    for name in query:
        if len(query.getlist(name)) > 1:
            raise InvalidParameter(name, f"Query parameter “{name}” is given more than once.")


class QueryParameters(serializers.Serializer):
    """Base of the query parameter serializers: validation of ``request.query_params``."""

    @classmethod
    def from_request(cls, request):
        """Return the validated parameters of ``request`` as a dict (absent ones omitted).

        Raises :class:`~badgecms.api.errors.InvalidParameter` (HTTP 400) naming the first
        parameter, in query-string order, that is unknown, given more than once or
        invalid.
        """
        query = request.query_params
        allowed = cls().fields
        for name in query:
            if name not in allowed:
                raise InvalidParameter(
                    name,
                    f"Unknown query parameter “{name}”; this endpoint accepts: "
                    f"{', '.join(allowed)}.",
                )
        refuse_repeated(query)
        serializer = cls(data={name: query[name] for name in query})
        if not serializer.is_valid():
            errors = serializer.errors
            name = next((name for name in query if name in errors), next(iter(errors)))
            message = errors[name][0] if isinstance(errors[name], list) else errors[name]
            raise InvalidParameter(name, f"Query parameter “{name}”: {message}")
        return serializer.validated_data


def _site_field():
    return serializers.CharField(
        required=False,
        max_length=255,
        help_text="Hostname of the site to read, optionally with `:port` (for example "
        "`badges.example.org`). Default: the site the request's Host header maps to, "
        "else the default site. An unknown hostname gives 400.",
    )


def _search_field(what):
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text=f"Full-text search over {what} (Wagtail search). Blank means no search.",
    )


class PaginationParameters(QueryParameters):
    """``limit`` and ``offset`` of a paginated listing."""

    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=f"Number of results per page, default {DEFAULT_LIMIT}. Values above "
        f"{MAX_LIMIT} are clamped to {MAX_LIMIT}; `next` and `previous` carry the limit "
        "actually applied.",
    )
    offset = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_OFFSET,
        help_text="Index of the first result, default 0. An offset past the end gives an "
        "empty `results` list.",
    )


class LocaleField(serializers.CharField):
    """A Wagtail content locale's language code (``en``, ``fr``...), case-insensitive;
    validated to a :class:`~wagtail.models.Locale`."""

    def run_validation(self, data=serializers.empty):
        code = super().run_validation(data)
        locale = Locale.objects.filter(language_code__iexact=code).first()
        if locale is None:
            raise serializers.ValidationError(f"no content locale has the language code “{code}”.")
        return locale


class PageListParameters(PaginationParameters):
    """Query parameters of ``GET /api/v1/pages/``."""

    search = _search_field("title, intro and FAQ questions and answers")
    site = _site_field()
    order = serializers.ChoiceField(
        choices=PAGE_ORDERS,
        required=False,
        help_text="Sort order; `-` sorts descending. Default: tree order (`path`), or "
        "relevance when `search` is given.",
    )
    id = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Only the page with this id."
    )
    slug = serializers.CharField(
        required=False, max_length=255, help_text="Only pages with this slug."
    )
    locale = LocaleField(
        required=False, max_length=35, help_text="Only pages in this content locale (`en`)."
    )


class PageDetailParameters(QueryParameters):
    """Query parameters of ``GET /api/v1/pages/<id>/``."""

    site = _site_field()


class PagePathParameters(QueryParameters):
    """Query parameters of ``GET /api/v1/pages/by-path/``."""

    path = serializers.CharField(
        max_length=2048,
        help_text="The URL path a frontend route maps to, as the HTML site serves it "
        "(`/`, `/badges/`, `/badges/cloud/`). Must start with `/`; no `?` or `#`.",
    )
    site = _site_field()

    def validate_path(self, value):
        if not value.startswith("/"):
            raise serializers.ValidationError("must start with “/”.")
        if any(char in value for char in "?#") or any(ord(char) < 0x20 for char in value):
            raise serializers.ValidationError(
                "must be a URL path without query string, fragment or control characters."
            )
        return value


class FAQListParameters(PaginationParameters):
    """Query parameters of ``GET /api/v1/faqs/``."""

    search = _search_field("FAQ questions and answers")
    page = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Only the FAQ items of the landing page with this id.",
    )
    site = _site_field()
