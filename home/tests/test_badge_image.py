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


@pytest.mark.django_db
def test_a_missing_original_falls_back_without_emptying_the_response_cache(
    make_landing_page, client
):
    """Regression: every view of a page whose image file was gone started a new content
    generation, so no page of the site stayed in the response cache."""
    from badgecms.home.caching.generation import current_generation

    other = make_landing_page(title="Other", slug="other")
    image = make_image(size=(1200, 900))
    page = make_landing_page(title="Broken image", slug="broken", badge_image=image)
    image.file.storage.delete(image.file.name)
    client.get(other.url)
    token = current_generation().token
    for _ in range(2):
        response = client.get(f"/api/v1/pages/{page.id}/")
        assert response.status_code == 200
        assert response.json()["badge_image"]["url"].endswith(image.file.name)
        assert client.get(page.url).status_code == 200
    assert current_generation().token == token
