"""``GET /api/v1/badges/`` and ``GET /api/v1/badges/<id>/``: the public badges of a site.

Same rules as the page endpoints (:mod:`badgecms.api.views`): validated parameters,
only public content (:func:`badgecms.api.badges.lookups.public_badges`), response cache,
``ETag``/``Last-Modified`` and the one error body.
"""

from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from badgecms.api.badges.lookups import prepare_badges, public_badges, search_badges
from badgecms.api.badges.params import BadgeDetailParameters, BadgeListParameters
from badgecms.api.badges.serializers import BadgeSerializer
from badgecms.api.framework import extend_schema
from badgecms.api.lookups import requested_site
from badgecms.api.params import MAX_ID
from badgecms.api.schema import CACHING_HEADERS, RETRY_AFTER, responses
from badgecms.api.views import ContentAPIView

_HEADERS = [*CACHING_HEADERS, RETRY_AFTER]


class PaginatedBadgeListSerializer(serializers.Serializer):
    """A page of badges: ``count`` over all pages, ``next``/``previous`` links."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = BadgeSerializer(many=True)


class BadgeListView(ContentAPIView):
    """``GET /api/v1/badges/``: the public badges of a site by name, paginated."""

    serializer_class = BadgeSerializer

    @extend_schema(
        operation_id="listBadges",
        tags=["badges"],
        parameters=[BadgeListParameters, *_HEADERS],
        responses=responses(PaginatedBadgeListSerializer, 400),
    )
    def get(self, request):
        """List published badges shown on public pages: search, filter by skill, level
        or page."""
        parameters = BadgeListParameters.from_request(request)
        site = requested_site(request, parameters.get("site"))
        badges = public_badges(site, parameters.get("page"))
        if "skill" in parameters:
            badges = badges.filter(tagged_skills__tag__name__iexact=parameters["skill"])
        if "level" in parameters:
            badges = badges.filter(level__iexact=parameters["level"])
        search = parameters.get("search", "").strip()
        if search:
            badges = search_badges(badges, search)

        def serialize(page_items):
            page_items = list(page_items)
            prepare_badges(page_items, request)
            self.pages_shown = page_items
            return BadgeSerializer(page_items, many=True, context={"request": request}).data

        return self.paginate(badges, parameters, serialize)


class BadgeDetailView(ContentAPIView):
    """``GET /api/v1/badges/<id>/``: one public badge, or 404 with the API's error body
    for a badge that does not exist, is not published or no public page shows."""

    serializer_class = BadgeSerializer

    @extend_schema(
        operation_id="retrieveBadge",
        tags=["badges"],
        parameters=[BadgeDetailParameters, *_HEADERS],
        responses=responses(BadgeSerializer, 400, 404),
    )
    def get(self, request, pk):
        """One published badge by id."""
        parameters = BadgeDetailParameters.from_request(request)
        site = requested_site(request, parameters.get("site"))
        badge = public_badges(site).filter(pk=pk).first() if pk <= MAX_ID else None
        if badge is None:
            raise NotFound()
        prepare_badges([badge], request)
        self.pages_shown = [badge]
        return Response(BadgeSerializer(badge, context={"request": request}).data)
