"""Query parameters of the badge endpoints (see :mod:`badgecms.api.params`)."""

from rest_framework import serializers

from badgecms.api.params import (
    MAX_ID,
    PaginationParameters,
    QueryParameters,
    _search_field,
    _site_field,
)


class BadgeListParameters(PaginationParameters):
    """Query parameters of ``GET /api/v1/badges/``."""

    search = _search_field("badge names, descriptions, criteria and skills")
    skill = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Only badges certifying this skill (case-insensitive, whole name).",
    )
    level = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Only badges of this level, e.g. `Intermediate` (case-insensitive).",
    )
    page = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Only the badges the landing page with this id shows.",
    )
    site = _site_field()


class BadgeDetailParameters(QueryParameters):
    """Query parameters of ``GET /api/v1/badges/<id>/``."""

    site = _site_field()
