"""Images and absolute URLs in the content API's JSON: the named renditions every image
gets (:data:`IMAGE_RENDITIONS`), their JSON shape (:class:`ImageSerializer`) and the
``scheme://host`` prefix of absolute URLs (:func:`base_url`).
"""

from rest_framework import serializers

from badgecms.home.renditions import renditions_or_original


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


def image_representation(image, alt, request):
    """Return the :class:`ImageSerializer` shape of ``image`` with ``alt`` text: the named
    renditions (:data:`IMAGE_RENDITIONS`, created when missing) as absolute URLs. A
    rendition that cannot be made (media disk full) is the original image's URL, width
    and height (:func:`~badgecms.home.renditions.renditions_or_original`)."""
    renditions = renditions_or_original(image, *IMAGE_RENDITIONS.values())
    named = {
        name: {
            "url": request.build_absolute_uri(renditions[spec].url),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for name, spec in IMAGE_RENDITIONS.items()
    }
    return {**named["medium"], "alt": alt, "renditions": named}


def base_url(request):
    """``"scheme://host[:port]"`` of ``request``: the prefix of absolute URLs."""
    return f"{request.scheme}://{request.get_host()}"
