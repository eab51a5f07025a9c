"""The one image builder of the tests: a real PNG saved in Wagtail's image library."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def make_image(title="Badge", description="A badge", size=(640, 480), colour="navy"):
    """Save a PNG of ``size`` (pixels, ``(width, height)``) filled with ``colour`` in
    the image library and return the image (``description`` is its alt text)."""
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name="badge.png")
    )
