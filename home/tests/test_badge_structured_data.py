"""schema.org structured data of badges: the ItemList of EducationalOccupationalCredential
items, identical in the page's JSON-LD and the API's ``badges_structured_data``."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_badges(make_landing_page):
    synced = make_badge(
        "Cloud Architect",
        skills=["Networking", "Cloud"],
        level="Advanced",
        badge_type="Certification",
        description="<p>Designs <b>cloud</b> systems.</p>",
        image=badge_art(),
        credly_template_id="1b7e1c2d-0000-4000-8000-000000000001",
        credly_url="https://www.credly.com/org/example/badge/cloud-architect",
    )
    local = make_badge("Helper", earn_url="https://example.org/earn/helper")
    return show_badges(make_landing_page(title="Badges", slug="badges"), [synced, local])


def test_the_page_embeds_an_item_list_of_credentials(client, page_with_badges):
    html = client.get(page_with_badges.url).content.decode()
    scripts = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
    assert [json.loads(script.string)["@type"] for script in scripts] == ["FAQPage", "ItemList"]
    item_list = json.loads(scripts[1].string)
    first, second = (element["item"] for element in item_list["itemListElement"])
    assert [element["position"] for element in item_list["itemListElement"]] == [1, 2]
    assert first["image"].startswith("http://testserver/")
    assert first["image"].endswith(".max-800x800.png")
    first.pop("image")
    assert first == {
        "@type": "EducationalOccupationalCredential",
        "name": "Cloud Architect",
        "description": "Designs cloud systems.",
        "url": "https://www.credly.com/org/example/badge/cloud-architect",
        "credentialCategory": "Certification",
        "educationalLevel": "Advanced",
        "competencyRequired": [
            {"@type": "DefinedTerm", "name": "Cloud"},
            {"@type": "DefinedTerm", "name": "Networking"},
        ],
    }
    assert second == {
        "@type": "EducationalOccupationalCredential",
        "name": "Helper",
        "url": "https://example.org/earn/helper",
        "credentialCategory": "badge",
    }


def test_the_api_carries_the_same_item_list(client, api_client, page_with_badges):
    html = client.get(page_with_badges.url).content.decode()
    embedded = json.loads(
        BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")[1].string
    )
    body = api_client.get(f"/api/v1/pages/{page_with_badges.id}/").json()
    assert body["badges_structured_data"] == embedded
    assert body["structured_data"]["@type"] == "FAQPage"


def test_a_page_without_badges_embeds_no_item_list(client, api_client, make_landing_page):
    page = make_landing_page()
    html = client.get(page.url).content.decode()
    assert html.count('type="application/ld+json"') == 1
    body = api_client.get(f"/api/v1/pages/{page.id}/").json()
    assert body["badges_structured_data"]["itemListElement"] == []


def test_the_page_costs_the_same_queries_for_2_or_12_badges(
    client, page_with_badges, settings, django_assert_max_num_queries
):
    settings.BADGECMS = {**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 0}
    client.get(page_with_badges.url)  # renditions created
    with CaptureQueriesContext(connection) as queries:
        client.get(page_with_badges.url)
    two = len(queries.captured_queries)
    more = [make_badge(f"Extra {n}", skills=["X"], image=badge_art()) for n in range(10)]
    show_badges(page_with_badges, [item.badge for item in page_with_badges.badges.all()] + more)
    client.get(page_with_badges.url)
    with django_assert_max_num_queries(two):
        html = client.get(page_with_badges.url).content.decode()
    assert html.count('class="badge-card"') == 12
