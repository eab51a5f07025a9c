"""The serializer that shapes a landing page into the public JSON.

Detail, preview, listing and path lookup all use :class:`LandingPageSerializer`, so
there is one definition of the JSON a frontend receives. The FAQ listing reuses its
FAQ item shape (:class:`FAQItemSerializer`).
"""

from django.db.models import Prefetch, prefetch_related_objects
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from badgecms.api.badges.lookups import page_badges
from badgecms.api.badges.serializers import CREDENTIAL_LIST_SCHEMA, PageBadgeSerializer
from badgecms.api.images import (
    BADGE_IMAGE_FILTER,
    IMAGE_RENDITIONS,
    ImageSerializer,
    NamedRenditionsSerializer,
    RenditionSerializer,
    base_url,
    image_representation,
)
from badgecms.home.badges.structured_data import credential_list
from badgecms.home.models import BadgeLandingPage

__all__ = [
    "BADGE_IMAGE_FILTER",
    "IMAGE_RENDITIONS",
    "CertificationLinkSerializer",
    "FAQItemSerializer",
    "FAQSearchResultSerializer",
    "ImageSerializer",
    "LandingPageSerializer",
    "NamedRenditionsSerializer",
    "PageReferenceSerializer",
    "RenditionSerializer",
    "base_url",
    "image_representation",
    "prepare_pages",
]


class CertificationLinkSerializer(serializers.Serializer):
    """A certification link: ``{"label", "text", "url"}`` (``url`` is http(s))."""

    label = serializers.CharField()
    text = serializers.CharField()
    url = serializers.URLField()


class FAQItemSerializer(serializers.Serializer):
    """One FAQ item: block ``id`` (stable across reorders), ``question`` (plain text),
    ``answer`` (front-end HTML) and ``answer_text`` (the answer as plain text)."""

    id = serializers.CharField()
    question = serializers.CharField()
    answer = serializers.CharField(allow_blank=True)
    answer_text = serializers.CharField(allow_blank=True)


_QUESTION_SCHEMA = {
    "type": "object",
    "required": ["@type", "name", "acceptedAnswer"],
    "properties": {
        "@type": {"type": "string", "enum": ["Question"]},
        "name": {"type": "string"},
        "acceptedAnswer": {
            "type": "object",
            "required": ["@type", "text"],
            "properties": {
                "@type": {"type": "string", "enum": ["Answer"]},
                "text": {"type": "string", "description": "Front-end HTML."},
            },
        },
    },
}
#: OpenAPI schema of ``structured_data`` (schema.org FAQPage as JSON-LD).
FAQ_PAGE_SCHEMA = {
    "type": "object",
    "description": "schema.org FAQPage (JSON-LD), the same object the HTML page embeds.",
    "required": ["@context", "@type", "mainEntity"],
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["FAQPage"]},
        "mainEntity": {"type": "array", "items": _QUESTION_SCHEMA},
    },
}


def prepare_pages(pages, request):
    """Load what serializing ``pages`` needs in a constant number of queries: the badge
    images' renditions (:data:`IMAGE_RENDITIONS`), the rich text of all pages, rendered
    in one batch, and the badges they show (``page.badges_shown``)."""
    specs = [Filter(spec).spec for spec in IMAGE_RENDITIONS.values()]
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    with_image = [page for page in pages if page.badge_image_id]
    prefetch_related_objects(
        with_image,
        Prefetch("badge_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )
    BadgeLandingPage.prefetch_front_end_content(pages, base_url(request))
    page_badges(pages, request)


class LandingPageListSerializer(serializers.ListSerializer):
    """Serializes many pages, preparing them all at once (see :func:`prepare_pages`)."""

    def to_representation(self, data):
        pages = list(data)
        prepare_pages(pages, self.context["request"])
        return super().to_representation(pages)


class LandingPageSerializer(serializers.Serializer):
    """A published (or previewed) badge landing page as front-end JSON.

    ``intro`` and FAQ ``answer`` are front-end HTML (absolute links to live pages, images
    as renditions), rendered by ``badgecms.home.richtext.render_rich_text_many`` as for the HTML
    page. ``url`` is null for a page without a public URL (a never-published preview).
    Serializing needs ``request`` in the context, for absolute URLs.
    """

    id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.SerializerMethodField()
    seo_title = serializers.CharField(allow_blank=True)
    search_description = serializers.CharField(allow_blank=True)
    intro_heading = serializers.CharField()
    intro = serializers.SerializerMethodField()
    certification_links = CertificationLinkSerializer(many=True)
    badge_image = serializers.SerializerMethodField()
    badges_heading = serializers.CharField(allow_blank=True)
    badges = serializers.SerializerMethodField()
    faq_heading = serializers.CharField()
    faqs = serializers.SerializerMethodField()
    structured_data = serializers.SerializerMethodField()
    badges_structured_data = serializers.SerializerMethodField()
    last_published_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        list_serializer_class = LandingPageListSerializer

    def _content(self, page):
        return page.front_end_content(base_url(self.context["request"]))

    def get_url(self, page) -> str | None:
        return page.get_full_url(self.context.get("request")) if page.pk else None

    def get_intro(self, page) -> str:
        return self._content(page)["intro"]

    @extend_schema_field(PageBadgeSerializer(many=True))
    def get_badges(self, page):
        page_badges([page], self.context["request"])
        return PageBadgeSerializer(page.badges_shown, many=True, context=self.context).data

    @extend_schema_field(FAQItemSerializer(many=True))
    def get_faqs(self, page):
        # Already in the FAQItemSerializer shape (plain dicts of strings, "id" may be
        # null): serializing them field by field again costs more than the rendering.
        return self._content(page)["faqs"]

    @extend_schema_field(FAQ_PAGE_SCHEMA)
    def get_structured_data(self, page):
        return self._content(page)["structured_data"]

    @extend_schema_field(CREDENTIAL_LIST_SCHEMA)
    def get_badges_structured_data(self, page):
        page_badges([page], self.context["request"])
        badges = [badge for _, badge in page.badges_shown]
        return credential_list(badges, base_url(self.context["request"]))

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_badge_image(self, page):
        image = page.badge_image
        if image is None:
            return None
        return image_representation(image, image.default_alt_text or "", self.context["request"])


class PageReferenceSerializer(serializers.Serializer):
    """The page an FAQ item belongs to: ``id``, ``title`` and absolute ``url``."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class FAQSearchResultSerializer(FAQItemSerializer):
    """An FAQ item of the FAQ listing, with the ``page`` it belongs to."""

    page = PageReferenceSerializer()
