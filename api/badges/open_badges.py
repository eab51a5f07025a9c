"""Stable, dereferenceable Open Badges URLs of the badges defined here (not on Credly):

How it works: docs/architecture.md, section ``badgecms.api.badges.open_badges``.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from badgecms.api.badges.lookups import prepare_badges, public_badges
from badgecms.api.badges.params import BadgeDetailParameters
from badgecms.api.framework import extend_schema
from badgecms.api.images import base_url
from badgecms.api.lookups import public_landing_pages, requested_site
from badgecms.api.params import MAX_ID
from badgecms.api.schema import CACHING_HEADERS, RETRY_AFTER, responses
from badgecms.api.views import ContentAPIView
from badgecms.home.badges import open_badges
from badgecms.home.conf import home_settings

_HEADERS = [*CACHING_HEADERS, RETRY_AFTER]


def issuer_email(site):
    """Return the issuer's contact e-mail: ``OPEN_BADGES_ISSUER_EMAIL``, else the footer
    ``contact_email`` of the site's first public landing page (tree order) that has one,
    else "". Open Badges 2.0 requires an ``email`` on an issuer ``Profile``."""
    if home_settings.OPEN_BADGES_ISSUER_EMAIL:
        return home_settings.OPEN_BADGES_ISSUER_EMAIL
    pages = public_landing_pages(site).prefetch_related(None).exclude(contact_email="")
    pages = pages.order_by("path")
    return pages.values_list("contact_email", flat=True).first() or ""


def _issuer_fields(request, site, version):
    return {
        "name": site.site_name or site.hostname,
        "url": base_url(request) + "/",
        "email": issuer_email(site),
        f"{version}_id": request.build_absolute_uri(
            reverse(f"badgecms_api:openbadges-{version}-issuer")
        ),
    }


class OpenBadgesView(ContentAPIView):
    """Base of the Open Badges views: the site and, for badge URLs, the public badge
    defined here with id ``pk``."""

    def get_site(self, request):
        parameters = BadgeDetailParameters.from_request(request)
        return requested_site(request, parameters.get("site"))

    def get_badge(self, request, site, pk):
        # Open Badges 2.0 requires a BadgeClass image: a badge without art has no documents.
        badges = public_badges(site).filter(credly_template_id__isnull=True, image__isnull=False)
        badge = badges.filter(pk=pk).first() if pk <= MAX_ID else None
        if badge is None:
            raise NotFound()
        prepare_badges([badge], request)
        self.pages_shown = [badge]
        return badge


_SCHEMA = {
    "tags": ["open badges"],
    "parameters": [BadgeDetailParameters, *_HEADERS],
    "responses": responses(OpenApiTypes.OBJECT, 400, 404),
}


class IssuerV2View(OpenBadgesView):
    """The Open Badges 2.0 ``Issuer`` profile of the site."""

    @extend_schema(operation_id="retrieveOpenBadgesIssuer", **_SCHEMA)
    def get(self, request):
        """Open Badges 2.0 Issuer (JSON-LD)."""
        fields = _issuer_fields(request, self.get_site(request), "v2")
        return Response(
            open_badges.issuer(fields["v2_id"], fields["name"], fields["url"], fields["email"])
        )


class BadgeClassView(OpenBadgesView):
    """The Open Badges 2.0 hosted ``BadgeClass`` of a badge defined here."""

    @extend_schema(operation_id="retrieveOpenBadgesBadgeClass", **_SCHEMA)
    def get(self, request, pk):
        """Open Badges 2.0 BadgeClass (JSON-LD)."""
        site = self.get_site(request)
        badge = self.get_badge(request, site, pk)
        return Response(
            open_badges.badge_class(
                badge,
                request.build_absolute_uri(request.path),
                _issuer_fields(request, site, "v2")["v2_id"],
                base_url(request),
            )
        )


class ProfileV3View(OpenBadgesView):
    """The Open Badges 3.0 ``Profile`` of the site (creator of its achievements)."""

    @extend_schema(operation_id="retrieveOpenBadgesProfile", **_SCHEMA)
    def get(self, request):
        """Open Badges 3.0 Profile (JSON-LD)."""
        fields = _issuer_fields(request, self.get_site(request), "v3")
        return Response(
            open_badges.profile(fields["v3_id"], fields["name"], fields["url"], fields["email"])
        )


class AchievementView(OpenBadgesView):
    """The Open Badges 3.0 ``Achievement`` of a badge defined here."""

    @extend_schema(operation_id="retrieveOpenBadgesAchievement", **_SCHEMA)
    def get(self, request, pk):
        """Open Badges 3.0 Achievement (JSON-LD)."""
        site = self.get_site(request)
        badge = self.get_badge(request, site, pk)
        fields = _issuer_fields(request, site, "v3")
        creator = open_badges.profile(
            fields["v3_id"], fields["name"], fields["url"], fields["email"]
        )
        return Response(
            open_badges.achievement(
                badge, request.build_absolute_uri(request.path), creator, base_url(request)
            )
        )
