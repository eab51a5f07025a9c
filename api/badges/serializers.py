"""The badge JSON: one :class:`BadgeSerializer` for the badge listing, the badge detail
and the badges a page detail embeds (:class:`PageBadgeSerializer`).

Serializing needs ``request`` in the context and badges prepared by
:func:`badgecms.api.badges.lookups.prepare_badges` (``description_html``).
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from badgecms.api.images import ImageSerializer, image_representation


class CriteriaSerializer(serializers.Serializer):
    """What earning takes: ``narrative`` (plain text) and ``url`` (or "")."""

    narrative = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)


class ActivitySerializer(serializers.Serializer):
    """An earning activity: ``type`` (Education, Assessment…), ``title``, ``url`` (or "")."""

    type = serializers.CharField(source="activity_type", allow_blank=True)
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)


class BadgeReferenceSerializer(serializers.Serializer):
    """A prerequisite badge: ``id``, ``name`` and ``slug``."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class CredlySerializer(serializers.Serializer):
    """Where a synced badge lives on Credly: badge ``template_id`` and public ``url``."""

    template_id = serializers.CharField()
    url = serializers.CharField(allow_blank=True)


def open_badges_urls(badge, request):
    """Return ``{"badge_class": url, "achievement": url}`` (absolute) for a badge defined
    here with badge art, or None for a badge hosted on Credly or without art (Open Badges
    2.0 requires a ``BadgeClass`` image)."""
    if badge.is_hosted_on_credly or badge.image_id is None:
        return None
    return {
        "badge_class": request.build_absolute_uri(
            reverse("badgecms_api:openbadges-badge-class", args=[badge.pk])
        ),
        "achievement": request.build_absolute_uri(
            reverse("badgecms_api:openbadges-achievement", args=[badge.pk])
        ),
    }


class OpenBadgesSerializer(serializers.Serializer):
    """Stable URLs of a badge defined here: its Open Badges 2.0 hosted ``badge_class``
    and its Open Badges 3.0 ``achievement`` (JSON-LD)."""

    badge_class = serializers.URLField()
    achievement = serializers.URLField()


class BadgeSerializer(serializers.Serializer):
    """A published badge as front-end JSON.

    ``description`` is front-end HTML (rendered like the page's rich text); ``image`` has
    the named renditions of the page's images; ``credly`` is null for a badge defined here,
    ``open_badges`` null for a badge hosted on Credly (its canonical URLs are Credly's) or
    without badge art (Open Badges 2.0 requires an image).
    """

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    description = serializers.CharField(source="description_html", allow_blank=True)
    image = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()
    level = serializers.CharField(allow_blank=True)
    type = serializers.CharField(source="badge_type", allow_blank=True)
    time_to_earn = serializers.CharField(allow_blank=True)
    cost = serializers.CharField(allow_blank=True)
    validity = serializers.CharField(allow_blank=True)
    criteria = serializers.SerializerMethodField()
    activities = ActivitySerializer(many=True)
    prerequisites = BadgeReferenceSerializer(many=True)
    earn_url = serializers.CharField(allow_blank=True)
    credly = serializers.SerializerMethodField()
    open_badges = serializers.SerializerMethodField()
    last_published_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, badge):
        if badge.image is None:
            return None
        return image_representation(badge.image, badge.alt_text, self.context["request"])

    def get_skills(self, badge) -> list[str]:
        return badge.skill_names()

    @extend_schema_field(CriteriaSerializer)
    def get_criteria(self, badge):
        return {"narrative": badge.criteria_narrative, "url": badge.criteria_url}

    @extend_schema_field(OpenBadgesSerializer(allow_null=True))
    def get_open_badges(self, badge):
        return open_badges_urls(badge, self.context["request"])

    @extend_schema_field(CredlySerializer(allow_null=True))
    def get_credly(self, badge):
        if not badge.is_hosted_on_credly:
            return None
        return {"template_id": badge.credly_template_id, "url": badge.credly_url}


class PageBadgeSerializer(serializers.Serializer):
    """A badge as a landing page shows it: the ``group_heading`` it opens (or "") and the
    ``badge``."""

    group_heading = serializers.CharField(allow_blank=True)
    badge = BadgeSerializer()

    def to_representation(self, instance):
        group_heading, badge = instance
        return super().to_representation({"group_heading": group_heading, "badge": badge})


#: OpenAPI schema of ``badges_structured_data`` (schema.org ItemList as JSON-LD).
CREDENTIAL_LIST_SCHEMA = {
    "type": "object",
    "description": "schema.org ItemList of EducationalOccupationalCredential items (JSON-LD), "
    "one per badge in page order, the same object the HTML page embeds.",
    "required": ["@context", "@type", "itemListElement"],
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ItemList"]},
        "itemListElement": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "position", "item"],
                "properties": {
                    "@type": {"type": "string", "enum": ["ListItem"]},
                    "position": {"type": "integer", "minimum": 1},
                    "item": {
                        "type": "object",
                        "required": ["@type", "name"],
                        "properties": {
                            "@type": {
                                "type": "string",
                                "enum": ["EducationalOccupationalCredential"],
                            },
                            "name": {"type": "string"},
                            "description": {"type": "string"},
                            "url": {"type": "string"},
                            "image": {"type": "string"},
                            "credentialCategory": {"type": "string"},
                            "educationalLevel": {"type": "string"},
                            "competencyRequired": {"type": "array", "items": {"type": "object"}},
                        },
                    },
                },
            },
        },
    },
}
