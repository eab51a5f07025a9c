"""The optional badge image in the HTML page and the JSON."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image


def make_image(width=1200, height=900, description="A blue badge"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (20, 90, 200)).save(buffer, "PNG")
    return Image.objects.create(
        title="Badge",
        description=description,
        file=ImageFile(buffer, name="badge.png"),
    )


@pytest.mark.django_db
def test_badge_image_in_json_and_html(make_landing_page, client):
    image = make_image()
    page = make_landing_page(title="With image", badge_image=image)
    data = client.get(f"/api/v1/pages/{page.id}/").json()
    badge = data["badge_image"]
    assert badge["url"].startswith("http://testserver/media/images/badge.")
    assert (badge["width"], badge["height"]) == (800, 600)
    assert badge["alt"] == "A blue badge"
    html = client.get(page.url).content.decode()
    assert 'alt="A blue badge"' in html
    assert 'class="badge-image"' in html
