"""The serializer that shapes a landing page into the public JSON.

Detail, preview, listing and path lookup all use :class:`LandingPageSerializer`, so
there is one definition of the JSON a frontend receives.
"""

from rest_framework import serializers


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
    answer = serializers.CharField()
    answer_text = serializers.CharField()


class ImageSerializer(serializers.Serializer):
    """An image rendition: absolute ``url``, ``width`` and ``height`` in pixels, ``alt``."""

    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField(allow_blank=True)


#: The rendition of the badge image the API returns (Wagtail filter spec).
BADGE_IMAGE_FILTER = "max-800x800"


class LandingPageSerializer(serializers.Serializer):
    """A published (or previewed) ``home.BadgeLandingPage`` as front-end JSON.

    Needs ``request`` in the context to build absolute URLs. ``url`` is ``null`` for a
    page that has no public URL yet (a never-published preview).
    """

    id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.SerializerMethodField()
    intro_heading = serializers.CharField()
    intro = serializers.SerializerMethodField()
    certification_links = CertificationLinkSerializer(many=True)
    badge_image = serializers.SerializerMethodField()
    faq_heading = serializers.CharField()
    faqs = serializers.SerializerMethodField()
    last_published_at = serializers.DateTimeField(allow_null=True)

    def _base_url(self):
        request = self.context["request"]
        return f"{request.scheme}://{request.get_host()}"

    def _content(self, page):
        return page.front_end_content(self._base_url())

    def get_url(self, page) -> str | None:
        return page.get_full_url(self.context.get("request")) if page.pk else None

    def get_intro(self, page) -> str:
        return self._content(page)["intro"]

    def get_faqs(self, page) -> list[dict]:
        return FAQItemSerializer(self._content(page)["faqs"], many=True).data

    def get_badge_image(self, page) -> dict | None:
        image = page.badge_image
        if image is None:
            return None
        rendition = image.get_rendition(BADGE_IMAGE_FILTER)
        return {
            "url": self.context["request"].build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text or "",
        }
