"""sitemap.xml (Wagtail's sitemaps) lists the live public landing pages; robots.txt
points crawlers at it and keeps them out of the admin."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_live_pages_only(client, make_landing_page):
    make_landing_page(title="Live", slug="live")
    make_landing_page(title="Draft", slug="draft", publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://localhost/live/</loc>" in xml
    assert "/draft/" not in xml


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/v1/preview/",
        "Sitemap: http://testserver/sitemap.xml",
    ]
