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

from badgecms.home.models import BadgeLandingPage


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


class RenditionSerializer(serializers.Serializer):
    """One rendition of an image: absolute ``url``, ``width`` and ``height`` in pixels."""

    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


#: Named renditions of every image the API returns: name -> Wagtail filter spec.
IMAGE_RENDITIONS = {
    "small": "max-400x400",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}
#: The rendition of the badge image given as its ``url``/``width``/``height``.
BADGE_IMAGE_FILTER = IMAGE_RENDITIONS["medium"]


class NamedRenditionsSerializer(serializers.Serializer):
    """The named renditions of an image (see :data:`IMAGE_RENDITIONS`)."""

    small = RenditionSerializer(help_text="Fits in 400×400 pixels.")
    medium = RenditionSerializer(help_text="Fits in 800×800 pixels.")
    large = RenditionSerializer(help_text="Fits in 1600×1600 pixels.")


class ImageSerializer(serializers.Serializer):
    """An image: the ``medium`` rendition's absolute ``url``, ``width`` and ``height`` in
    pixels, ``alt`` text, and all named ``renditions``."""

    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField(allow_blank=True)
    renditions = NamedRenditionsSerializer()


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


def base_url(request):
    """``"scheme://host[:port]"`` of ``request``: the prefix of absolute URLs."""
    return f"{request.scheme}://{request.get_host()}"


def prepare_pages(pages, request):
    """Load what serializing ``pages`` needs in a constant number of queries: the badge
    images' renditions (:data:`IMAGE_RENDITIONS`) and the rich text of all pages,
    rendered in one batch."""
    specs = [Filter(spec).spec for spec in IMAGE_RENDITIONS.values()]
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    with_image = [page for page in pages if page.badge_image_id]
    prefetch_related_objects(
        with_image,
        Prefetch("badge_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )
    BadgeLandingPage.prefetch_front_end_content(pages, base_url(request))


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
    faq_heading = serializers.CharField()
    faqs = serializers.SerializerMethodField()
    structured_data = serializers.SerializerMethodField()
    last_published_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        list_serializer_class = LandingPageListSerializer

    def _content(self, page):
        return page.front_end_content(base_url(self.context["request"]))

    def get_url(self, page) -> str | None:
        return page.get_full_url(self.context.get("request")) if page.pk else None

    def get_intro(self, page) -> str:
        return self._content(page)["intro"]

    @extend_schema_field(FAQItemSerializer(many=True))
    def get_faqs(self, page):
        return FAQItemSerializer(self._content(page)["faqs"], many=True).data

    @extend_schema_field(FAQ_PAGE_SCHEMA)
    def get_structured_data(self, page):
        return self._content(page)["structured_data"]

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_badge_image(self, page):
        image = page.badge_image
        if image is None:
            return None
        request = self.context["request"]
        renditions = image.get_renditions(*IMAGE_RENDITIONS.values())
        named = {
            name: {
                "url": request.build_absolute_uri(renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in IMAGE_RENDITIONS.items()
        }
        return {**named["medium"], "alt": image.default_alt_text or "", "renditions": named}


class PageReferenceSerializer(serializers.Serializer):
    """The page an FAQ item belongs to: ``id``, ``title`` and absolute ``url``."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class FAQSearchResultSerializer(FAQItemSerializer):
    """An FAQ item of the FAQ listing, with the ``page`` it belongs to."""

    page = PageReferenceSerializer()
