"""The landing page's head: meta description, Open Graph and Twitter card tags (image
from a rendition), canonical link, favicon and language."""

import pytest
from bs4 import BeautifulSoup

from badgecms.home.tests.badge_builders import badge_art

pytestmark = pytest.mark.django_db


def head(client, page):
    return BeautifulSoup(client.get(page.url).content.decode(), "html.parser")


def content(soup, **attrs):
    return soup.find("meta", attrs=attrs)["content"]


def test_a_page_with_an_image_gets_a_large_link_card(client, make_landing_page):
    page = make_landing_page(
        title="Our badges",
        search_description="Earn our cloud badges.",
        badge_image=badge_art("Programme badge", description="Gold programme badge"),
    )
    soup = head(client, page)
    assert soup.html["lang"] == "en"
    assert content(soup, name="description") == "Earn our cloud badges."
    assert content(soup, property="og:title") == "Our badges"
    assert content(soup, property="og:description") == "Earn our cloud badges."
    assert content(soup, property="og:url") == "http://localhost/our-badges/"
    image = content(soup, property="og:image")
    assert image.startswith("http://testserver/media/images/")
    assert image.endswith(".fill-1200x630-c100.png")
    assert content(soup, property="og:image:alt") == "Gold programme badge"
    assert content(soup, name="twitter:card") == "summary_large_image"
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/our-badges/"
    assert soup.find("link", rel="icon")["href"] == "/static/badgecms_home/favicon.svg"


def test_without_a_search_description_the_intro_describes_the_page(client, make_landing_page):
    intro = "<p>" + "Digital badges show verified skills. " * 10 + "</p>"
    soup = head(client, make_landing_page(title="Badges", intro=intro))
    description = content(soup, name="description")
    assert description.startswith("Digital badges show verified skills. Digital")
    assert len(description) == 160
    assert description.endswith("…")
    assert len(soup.find_all("meta", attrs={"name": "description"})) == 1
    assert content(soup, name="twitter:card") == "summary"
