"""The optional badge image in the HTML page and the JSON."""

import pytest

from tests.helpers.images import make_image


@pytest.mark.django_db
def test_badge_image_in_json_and_html(make_landing_page, client):
    image = make_image(description="A blue badge", size=(1200, 900))
    page = make_landing_page(title="With image", badge_image=image)
    data = client.get(f"/api/v1/pages/{page.id}/").json()
    badge = data["badge_image"]
    assert badge["url"].startswith("http://testserver/media/images/badge.")
    assert (badge["width"], badge["height"]) == (800, 600)
    assert badge["alt"] == "A blue badge"
    html = client.get(page.url).content.decode()
    assert 'alt="A blue badge"' in html
    assert 'class="badge-image"' in html
