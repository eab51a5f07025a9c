"""Fixtures of the cross-app tests: images and a reader of a page's JSON and HTML."""

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


@pytest.fixture
def make_image(db):
    """``make_image(title="Badge", description="A badge", size=(640, 480))`` saves a PNG
    image in the image library and returns it."""

    def make(title="Badge", description="A badge", size=(640, 480)):
        buffer = BytesIO()
        PILImage.new("RGB", size, "navy").save(buffer, "PNG")
        return get_image_model().objects.create(
            title=title, description=description, file=ImageFile(buffer, name="badge.png")
        )

    return make
