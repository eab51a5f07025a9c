"""Open Badges documents of badges defined here, at stable URLs: 2.0 hosted BadgeClass
and Issuer, 3.0 Achievement and Profile, each expanded with pyld against the published
JSON-LD contexts kept as test data (no network): every term is defined (the document
survives expand/compact unchanged) and types expand to the specifications' IRIs; and each
validated with jsonschema against the specifications' JSON Schemas kept next to the
contexts (home/tests/data/open_badges/README.md says where each came from).
Badges hosted on Credly, or without badge art, get no such URLs."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft201909Validator
from pyld import jsonld
from referencing import Registry, Resource

from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges

pytestmark = pytest.mark.django_db

CONTEXTS = Path(__file__).resolve().parents[2] / "home" / "tests" / "data" / "open_badges"
CONTEXT_FILES = {
    "https://w3id.org/openbadges/v2": "openbadges-v2-context.json",
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
}


SCHEMA_FILES = [
    "ob_v3p0_achievementcredential_schema.json",
    "ob_v3p0_profile_schema.json",
    "imsob_v2p1v2p1-getprofile-200-responsepayload-schemav1p0.json",
    "ob_v2p0_classes_schema.json",
]
OB3_SCHEMAS = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
#: (validator class, schema references) every document of each kind must satisfy.
OB2_BADGE_CLASS = (Draft7Validator, ["ob_v2p0_classes_schema.json#/definitions/BadgeClass"])
OB2_ISSUER = (
    Draft7Validator,
    [
        # 1EdTech's JSON Schema binding of the 2.0 Profile (Open Badges 2.1, getProfile).
        "getProfile-200-responsepayload-schema.json#/definitions/ProfileDType",
        "ob_v2p0_classes_schema.json#/definitions/Profile",
    ],
)
OB3_ACHIEVEMENT = (
    Draft201909Validator,
    [OB3_SCHEMAS + "ob_v3p0_achievementcredential-jsonschema1.json#/$defs/Achievement"],
)
OB3_PROFILE = (Draft201909Validator, [OB3_SCHEMAS + "ob_v3p0_profile-jsonschema1.json"])


def schema_registry():
    resources = []
    for name in SCHEMA_FILES:
        schema = json.loads((CONTEXTS / name).read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def schema_errors(document, kind):
    """The messages of every JSON Schema error of ``document`` against ``kind`` (one of
    the OB2_/OB3_ pairs above), formats checked."""
    validator_class, references = kind
    validator = validator_class(
        {"allOf": [{"$ref": reference} for reference in references]},
        registry=schema_registry(),
        format_checker=validator_class.FORMAT_CHECKER,
    )
    return sorted(error.message for error in validator.iter_errors(document))


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
    assert schema_errors(document, OB2_BADGE_CLASS) == []
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
    assert schema_errors(document, OB2_ISSUER) == []
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
    assert schema_errors(document, OB3_ACHIEVEMENT) == []
    assert_every_term_is_defined(document)
    expanded = expand(document)[0]
    assert expanded["@type"] == ["https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement"]
    profile = api_client.get("/api/v1/openbadges/v3/issuer/").json()
    assert schema_errors(profile, OB3_PROFILE) == []
    assert_every_term_is_defined(profile)
    assert {key: value for key, value in profile.items() if key != "@context"} == document[
        "creator"
    ]


@pytest.mark.parametrize("kind", ["v2/badges", "v3/achievements"])
def test_credly_hosted_or_hidden_badges_have_no_open_badges_documents(
    api_client, local_badge, kind
):
    credly = local_badge[1]
    hidden = make_badge("Unshown", image=badge_art())  # art: only its being unshown hides it
    for badge in (credly, hidden):
        response = api_client.get(f"/api/v1/openbadges/{kind}/{badge.id}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_badge_without_art_has_no_open_badges_documents(api_client, make_landing_page):
    """Open Badges 2.0 requires a BadgeClass ``image``: no art, no documents."""
    badge = make_badge("Sketch", criteria_narrative="Draw a badge.")
    show_badges(make_landing_page(), [badge])
    assert api_client.get(f"/api/v1/badges/{badge.id}/").json()["open_badges"] is None
    for kind in ("v2/badges", "v3/achievements"):
        assert api_client.get(f"/api/v1/openbadges/{kind}/{badge.id}/").status_code == 404


def test_the_issuer_email_falls_back_to_a_public_pages_contact_email(api_client, make_landing_page):
    """Open Badges 2.0 requires an issuer ``email``: without OPEN_BADGES_ISSUER_EMAIL it
    is the contact e-mail of the site's first public landing page that has one."""
    make_landing_page(title="Draft", slug="draft", contact_email="draft@example.org", publish=False)
    make_landing_page(title="Plain", slug="plain")
    make_landing_page(title="Badges", slug="badges", contact_email="hello@example.org")
    issuer = api_client.get("/api/v1/openbadges/v2/issuer/").json()
    assert issuer["email"] == "hello@example.org"
    assert schema_errors(issuer, OB2_ISSUER) == []
    profile = api_client.get("/api/v1/openbadges/v3/issuer/").json()
    assert profile["email"] == "hello@example.org"
    assert schema_errors(profile, OB3_PROFILE) == []


@pytest.mark.parametrize(
    ("kind", "document", "errors"),
    [
        (
            OB2_BADGE_CLASS,
            {
                "@context": "https://w3id.org/openbadges/v2",
                "type": "BadgeClass",
                "id": "https://example.org/b",
                "name": "B",
                "description": "B",
                "criteria": {},
                "issuer": "https://example.org/i",
            },
            ["'image' is a required property", "{} is not valid under any of the given schemas"],
        ),
        (
            OB2_ISSUER,
            {"type": "Issuer", "id": "https://example.org/i", "name": "I", "url": "https://e.org"},
            ["'email' is a required property"],
        ),
        (
            OB3_ACHIEVEMENT,
            {
                "id": "https://example.org/a",
                "type": ["Achievement"],
                "name": "A",
                "description": "A",
                "criteria": {"narrative": "Do A."},
                "image": {"id": "https://example.org/a.png"},
            },
            ["'type' is a required property"],
        ),
        (
            OB3_PROFILE,
            {"id": "https://example.org/p", "type": "Profile"},
            ["'Profile' is not of type 'array'"],
        ),
    ],
)
def test_the_schema_check_catches_a_document_off_the_specification(kind, document, errors):
    assert schema_errors(document, kind) == errors


def test_the_context_check_catches_an_undefined_term():
    document = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": "https://example.org/b",
        "badgeColour": "gold",  # not an Open Badges term
    }
    with pytest.raises(AssertionError):
        assert_every_term_is_defined(document)
