"""Open Badges documents of badges defined here, at stable URLs: 2.0 hosted BadgeClass
and Issuer, 3.0 Achievement and Profile, each expanded with pyld against the published
JSON-LD contexts kept as test data (no network): every term is defined (the document
survives expand/compact unchanged) and types expand to the specifications' IRIs.
Badges hosted on Credly get no such URLs."""

import json
from pathlib import Path

import pytest
from pyld import jsonld

from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges

pytestmark = pytest.mark.django_db

CONTEXTS = Path(__file__).resolve().parents[2] / "home" / "tests" / "data" / "open_badges"
CONTEXT_FILES = {
    "https://w3id.org/openbadges/v2": "openbadges-v2-context.json",
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
}


def offline_loader(url, options=None):
    """pyld document loader serving only the contexts of CONTEXT_FILES."""
    document = json.loads((CONTEXTS / CONTEXT_FILES[url]).read_text())
    return {"contextUrl": None, "documentUrl": url, "document": document}


def expand(document):
    return jsonld.expand(document, {"documentLoader": offline_loader})


def single_values(value):
    """``value`` with one-item lists as their item, as JSON-LD compaction writes them."""
    if isinstance(value, dict):
        return {key: single_values(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [single_values(item) for item in value]
        return items[0] if len(items) == 1 else items
    return value


def assert_every_term_is_defined(document):
    """A term missing from the context would be dropped by expansion: compacting the
    expanded document with the same context must give the document back."""
    compacted = jsonld.compact(
        expand(document), {"@context": document["@context"]}, {"documentLoader": offline_loader}
    )
    assert single_values({**compacted, "@context": None}) == single_values(
        {**document, "@context": None}
    )


@pytest.fixture
def local_badge(make_landing_page):
    badge = make_badge(
        "Community Mentor",
        description="<p>Mentors <b>new</b> members.</p>",
        image=badge_art(),
        image_alt="A green mentor badge",
        criteria_narrative="Mentor three members for a month.",
        criteria_url="https://example.org/criteria/mentor",
        skills=["Mentoring", "Communication"],
    )
    credly = make_badge(
        "Cloud Architect",
        credly_template_id="00000000-0000-4000-8000-000000000001",
        credly_url="https://www.credly.com/org/example/badge/cloud-architect",
    )
    show_badges(make_landing_page(), [badge, credly])
    return badge, credly


def test_a_local_badge_links_its_open_badges_documents(api_client, local_badge):
    badge, credly = local_badge
    results = api_client.get("/api/v1/badges/").json()["results"]
    by_name = {item["name"]: item for item in results}
    assert by_name["Community Mentor"]["open_badges"] == {
        "badge_class": f"http://testserver/api/v1/openbadges/v2/badges/{badge.id}/",
        "achievement": f"http://testserver/api/v1/openbadges/v3/achievements/{badge.id}/",
    }
    assert by_name["Cloud Architect"]["open_badges"] is None
    assert by_name["Cloud Architect"]["credly"] == {
        "template_id": "00000000-0000-4000-8000-000000000001",
        "url": "https://www.credly.com/org/example/badge/cloud-architect",
    }


def test_the_badge_class_is_open_badges_2(api_client, local_badge):
    badge = local_badge[0]
    url = f"/api/v1/openbadges/v2/badges/{badge.id}/"
    document = api_client.get(url).json()
    image = document.pop("image")
    assert image.startswith("http://testserver/") and image.endswith(".max-800x800.png")
    assert document == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": f"http://testserver{url}",
        "name": "Community Mentor",
        "description": "Mentors new members.",
        "criteria": {
            "id": "https://example.org/criteria/mentor",
            "narrative": "Mentor three members for a month.",
        },
        "issuer": "http://testserver/api/v1/openbadges/v2/issuer/",
        "tags": ["Communication", "Mentoring"],
    }
    document["image"] = image
    assert_every_term_is_defined(document)
    expanded = expand(document)[0]
    assert expanded["@type"] == ["https://w3id.org/openbadges#BadgeClass"]
    assert expanded["https://w3id.org/openbadges#issuer"] == [
        {"@id": "http://testserver/api/v1/openbadges/v2/issuer/"}
    ]


def test_the_issuer_is_dereferenceable(api_client, local_badge, settings):
    settings.BADGECMS = {**settings.BADGECMS, "OPEN_BADGES_ISSUER_EMAIL": "badges@example.org"}
    document = api_client.get("/api/v1/openbadges/v2/issuer/").json()
    assert document == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": "http://testserver/api/v1/openbadges/v2/issuer/",
        "name": "localhost",
        "url": "http://testserver/",
        "email": "badges@example.org",
    }
    assert_every_term_is_defined(document)
    assert expand(document)[0]["@type"] == ["https://w3id.org/openbadges#Issuer"]


def test_the_achievement_is_open_badges_3(api_client, local_badge):
    badge = local_badge[0]
    url = f"/api/v1/openbadges/v3/achievements/{badge.id}/"
    document = api_client.get(url).json()
    assert document["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert document["id"] == f"http://testserver{url}"
    assert document["type"] == ["Achievement"]
    assert document["achievementType"] == "Badge"
    assert document["image"]["type"] == "Image"
    assert document["image"]["caption"] == "A green mentor badge"
    assert document["creator"] == {
        "id": "http://testserver/api/v1/openbadges/v3/issuer/",
        "type": ["Profile"],
        "name": "localhost",
        "url": "http://testserver/",
    }
    assert document["tag"] == ["Communication", "Mentoring"]
    assert_every_term_is_defined(document)
    expanded = expand(document)[0]
    assert expanded["@type"] == ["https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement"]
    profile = api_client.get("/api/v1/openbadges/v3/issuer/").json()
    assert_every_term_is_defined(profile)
    assert {key: value for key, value in profile.items() if key != "@context"} == document[
        "creator"
    ]


@pytest.mark.parametrize("kind", ["v2/badges", "v3/achievements"])
def test_credly_hosted_or_hidden_badges_have_no_open_badges_documents(
    api_client, local_badge, kind
):
    credly = local_badge[1]
    hidden = make_badge("Unshown")
    for badge in (credly, hidden):
        response = api_client.get(f"/api/v1/openbadges/{kind}/{badge.id}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_the_context_check_catches_an_undefined_term():
    document = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": "https://example.org/b",
        "badgeColour": "gold",  # not an Open Badges term
    }
    with pytest.raises(AssertionError):
        assert_every_term_is_defined(document)
