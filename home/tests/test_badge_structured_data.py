"""schema.org structured data of badges: the ItemList of EducationalOccupationalCredential
items, identical in the page's JSON-LD and the API's ``badges_structured_data``, and using
only schema.org terms (checked against schema.org's vocabulary kept as test data,
home/tests/data/open_badges/README.md says which release)."""

import functools
import gzip
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges

pytestmark = pytest.mark.django_db

SCHEMA_ORG = Path(__file__).parent / "data" / "schemaorg" / "schemaorg-current-https.jsonld.gz"


@functools.cache
def schema_org_vocabulary():
    """schema.org's classes and properties by name (``"ItemList"``, ``"position"``)."""
    graph = json.loads(gzip.decompress(SCHEMA_ORG.read_bytes()))["@graph"]
    return {node["@id"].removeprefix("schema:"): node for node in graph}


def _names(references):
    references = references if isinstance(references, list) else [references]
    return {item["@id"].removeprefix("schema:") for item in references if item}


def type_and_supertypes(name):
    vocabulary, found, todo = schema_org_vocabulary(), set(), [name]
    while todo:
        current = todo.pop()
        if current in vocabulary and current not in found:
            found.add(current)
            todo.extend(_names(vocabulary[current].get("rdfs:subClassOf", [])))
    return found


def vocabulary_errors(node):
    """What in ``node`` (a JSON-LD object with ``@type``, nested ones included) is not
    schema.org: an unknown type, a property schema.org does not give that type
    (``domainIncludes``), or a value outside the property's ``rangeIncludes``."""
    vocabulary, errors = schema_org_vocabulary(), []
    types = type_and_supertypes(node["@type"])
    if node["@type"] not in types:
        return [f"{node['@type']} is not a schema.org type"]
    for name, value in node.items():
        if name.startswith("@"):
            continue
        definition = vocabulary.get(name, {})
        if not types & _names(definition.get("schema:domainIncludes", [])):
            errors.append(f"{node['@type']}.{name} is not a schema.org property of the type")
            continue
        ranges = _names(definition["schema:rangeIncludes"])
        # A literal fits a data type range or its subtypes (URL is a Text).
        literal_ranges = set().union(*(type_and_supertypes(name) for name in ranges))
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not type_and_supertypes(item["@type"]) & ranges:
                    errors.append(f"{node['@type']}.{name} cannot hold a {item['@type']}")
                errors.extend(vocabulary_errors(item))
            elif (isinstance(item, int) and "Number" not in literal_ranges) or (
                isinstance(item, str) and "Text" not in literal_ranges
            ):
                errors.append(f"{node['@type']}.{name} cannot hold {item!r}")
    return errors


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


def test_the_item_list_uses_only_schema_org_terms(client, page_with_badges):
    html = client.get(page_with_badges.url).content.decode()
    scripts = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
    item_list = json.loads(scripts[1].string)
    # Every property credential() can write is present, so each one is checked.
    assert set(item_list["itemListElement"][0]["item"]) == {
        "@type", "name", "description", "url", "credentialCategory", "educationalLevel",
        "competencyRequired", "image",
    }  # fmt: skip
    assert item_list["@context"] == "https://schema.org"
    assert vocabulary_errors(item_list) == []


def test_the_vocabulary_check_catches_terms_off_schema_org():
    item = {
        "@type": "EducationalOccupationalCredential",
        "skills": ["Cloud"],
        "competencyRequired": {"@type": "Person", "name": "Ada", "cost": "Free"},
        "educationalLevel": 3,
    }
    assert vocabulary_errors({"@type": "Badge"}) == ["Badge is not a schema.org type"]
    assert vocabulary_errors(item) == [
        "EducationalOccupationalCredential.skills is not a schema.org property of the type",
        "EducationalOccupationalCredential.competencyRequired cannot hold a Person",
        "Person.cost is not a schema.org property of the type",
        "EducationalOccupationalCredential.educationalLevel cannot hold 3",
    ]


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
