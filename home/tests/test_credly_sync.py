"""Sync of badges from Credly (``sync_credly_badges`` and the admin's action) against a
real HTTP server on 127.0.0.1 answering Credly's documented shapes, pages and errors."""

import base64
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Revision

from badgecms.home.models import Badge
from badgecms.home.tests.credly_server import ORGANIZATION, FakeCredly, badge_template

pytestmark = pytest.mark.django_db

TOKEN = "org-token-123"


@pytest.fixture
def credly(settings):
    with FakeCredly() as fake:
        settings.BADGECMS = {
            **settings.BADGECMS,
            "CREDLY_API_BASE_URL": fake.url,
            "CREDLY_API_TOKEN": TOKEN,
            "CREDLY_TIMEOUT": 1,
        }
        fake.set_templates(
            [
                badge_template(1, "Cloud Architect"),
                badge_template(2, "Data Analyst", level="Foundational", skills=["SQL"]),
                badge_template(3, "Security Expert"),
                badge_template(4, "Old Badge", state="archived"),
                badge_template(5, "Hidden Badge", public=False),
            ]
        )
        yield fake


def sync(organization=ORGANIZATION):
    out = io.StringIO()
    call_command("sync_credly_badges", "--organization", organization, stdout=out)
    return out.getvalue().strip()


def snapshot():
    """Everything a sync may change, to prove that a failed one changed nothing."""
    return (
        sorted(Badge.objects.values_list("credly_template_id", "name", "live", "image_id")),
        Revision.objects.count(),
        get_image_model().objects.count(),
    )


def test_the_first_sync_creates_published_badges_with_images(credly):
    assert sync() == (
        f"Credly organisation {ORGANIZATION}: 3 created, 0 updated, 0 retired, 0 unchanged."
    )
    badges = {badge.name: badge for badge in Badge.objects.all()}
    assert sorted(badges) == ["Cloud Architect", "Data Analyst", "Security Expert"]
    cloud = badges["Cloud Architect"]
    assert cloud.live is True
    assert cloud.credly_template_id == "00000000-0000-4000-8000-000000000001"
    assert cloud.slug == "cloud-architect"
    assert cloud.credly_url == "https://www.credly.com/org/example/badge/cloud-architect"
    assert cloud.description == "<p>Cloud Architect: earners showed the skills.</p>"
    assert (cloud.level, cloud.badge_type, cloud.time_to_earn, cloud.cost) == (
        "Intermediate",
        "Certification",
        "Weeks",
        "Paid",
    )
    assert cloud.skill_names() == ["Cloud Computing", "Networking"]
    assert cloud.criteria_url == "https://example.org/criteria/cloud-architect"
    assert cloud.earn_url == "https://example.org/earn/cloud-architect"
    assert [(a.activity_type, a.title) for a in cloud.activities.all()] == [
        ("Assessment", "Pass the exam")
    ]
    assert (cloud.image.width, cloud.image.height) == (300, 300)
    assert cloud.image.title == "Cloud Architect"
    assert badges["Data Analyst"].skill_names() == ["SQL"]
    assert get_image_model().objects.count() == 3
    # Every API request carried the token as the HTTP Basic user name; images did not.
    basic = "Basic " + base64.b64encode(f"{TOKEN}:".encode()).decode()
    api_requests = [auth for path, auth in credly.requests if path.startswith("/v1/")]
    assert api_requests == [basic, basic, basic]  # 5 templates, 2 a page: 3 pages
    assert {auth for path, auth in credly.requests if path.startswith("/images/")} == {None}


def test_a_second_sync_changes_nothing(credly):
    sync()
    before = snapshot()
    assert sync().endswith("0 created, 0 updated, 0 retired, 3 unchanged.")
    assert snapshot() == before


def test_a_changed_template_updates_its_badge(credly):
    sync()
    templates = credly.templates
    templates[0] = {
        **templates[0],
        "name": "Cloud Architect Professional",
        "image_url": templates[0]["image_url"].replace(".png", "-v2.png"),
        "skills": ["Cloud Computing"],
    }
    old_image = Badge.objects.get(name="Cloud Architect").image_id
    revisions = Revision.objects.count()
    assert sync().endswith("0 created, 1 updated, 0 retired, 2 unchanged.")
    badge = Badge.objects.get(credly_template_id=templates[0]["id"])
    assert badge.name == "Cloud Architect Professional"
    assert badge.slug == "cloud-architect"  # stable address
    assert badge.skill_names() == ["Cloud Computing"]
    assert badge.image_id != old_image
    assert Revision.objects.count() == revisions + 1


@pytest.mark.parametrize(
    ("template_fields", "badge_fields"),
    [
        (
            {"description": "Designs <cloud> systems."},
            {"description": "<p>Designs &lt;cloud&gt; systems.</p>"},
        ),
        ({"level": "Advanced"}, {"level": "Advanced"}),
        ({"type_category": "Learning"}, {"badge_type": "Learning"}),
        ({"time_to_earn": "Months"}, {"time_to_earn": "Months"}),
        ({"cost": "Free"}, {"cost": "Free"}),
        (
            {"global_activity_url": "https://example.org/criteria/v2"},
            {"criteria_url": "https://example.org/criteria/v2"},
        ),
        (
            {"earn_this_badge_url": "https://example.org/earn/v2"},
            {"earn_url": "https://example.org/earn/v2"},
        ),
        ({"enable_earn_this_badge": False}, {"earn_url": ""}),
        (
            {"url": "https://www.credly.com/org/example/badge/cloud-architect-v2"},
            {"credly_url": "https://www.credly.com/org/example/badge/cloud-architect-v2"},
        ),
    ],
)
def test_each_documented_template_field_updates_the_badge(credly, template_fields, badge_fields):
    """Credly's badge template keys and the badge fields they set; every other field
    stays what the editors made it."""
    sync()
    badge = Badge.objects.get(name="Cloud Architect")
    badge.validity = "3 years"
    badge.criteria_narrative = "Pass the exam and a project."
    badge.image_alt = "A cloud on a blue hexagon"
    badge.save_revision().publish()
    credly.templates[0] = {**credly.templates[0], **template_fields}
    assert sync().endswith("0 created, 1 updated, 0 retired, 2 unchanged.")
    badge = Badge.objects.get(credly_template_id=credly.templates[0]["id"])
    assert {name: getattr(badge, name) for name in badge_fields} == badge_fields
    assert (badge.validity, badge.criteria_narrative, badge.image_alt) == (
        "3 years",
        "Pass the exam and a project.",
        "A cloud on a blue hexagon",
    )


def test_changed_activities_update_the_badge(credly):
    sync()
    credly.templates[0] = {
        **credly.templates[0],
        "badge_template_activities": [
            {"activity_type": "Course", "title": "Take the course", "url": "https://e.org/c"},
            {"activity_type": "Experience", "title": "Run a project", "url": ""},
        ],
    }
    assert sync().endswith("0 created, 1 updated, 0 retired, 2 unchanged.")
    badge = Badge.objects.get(name="Cloud Architect")
    assert [(a.activity_type, a.title, a.url) for a in badge.activities.all()] == [
        ("Course", "Take the course", "https://e.org/c"),
        ("Experience", "Run a project", ""),
    ]


def test_an_inactive_or_private_template_retires_its_badge(credly):
    sync()
    credly.templates[1] = {**credly.templates[1], "state": "archived"}
    credly.templates[2] = {**credly.templates[2], "public": False}
    assert sync().endswith("0 created, 0 updated, 2 retired, 1 unchanged.")
    assert sorted(Badge.objects.filter(live=True).values_list("name", flat=True)) == [
        "Cloud Architect"
    ]


def test_a_prerequisite_activity_links_the_required_badge(credly):
    first = credly.templates[0]
    credly.templates[1] = {
        **credly.templates[1],
        "badge_template_activities": [
            {
                "activity_type": "Badge",
                "required_badge_template_id": first["id"],
                "title": "Hold it",
            }
        ],
    }
    sync()
    analyst = Badge.objects.get(name="Data Analyst")
    assert [badge.name for badge in analyst.prerequisites.all()] == ["Cloud Architect"]


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (
            {"status": 401},
            "Credly refused the API token (HTTP 401): check CREDLY_API_TOKEN; nothing was changed.",
        ),
        (
            {"status": 429, "headers": {"Retry-After": "30"}, "page": 2},
            "Credly is limiting requests (HTTP 429): try again in 30 seconds; nothing was changed.",
        ),
        (
            {"status": 500, "page": 3},
            f"Credly answered HTTP 500 while reading page 3 of the badge templates of "
            f"organization “{ORGANIZATION}”; nothing was changed.",
        ),
        (
            {"malformed": 2},
            f"Credly's answer for page 2 of the badge templates of organization "
            f"“{ORGANIZATION}” is not a list of badge templates; nothing was changed.",
        ),
        (
            {"not_json": 3},
            f"Credly's answer for page 3 of the badge templates of organization "
            f"“{ORGANIZATION}” is not JSON; nothing was changed.",
        ),
        (
            {"image_status": 404},
            "Credly found no badge image at IMAGES/cloud-architect-v2.png (HTTP 404); nothing "
            "was changed.",
        ),
        (
            {"image_body": b"<html>not an image</html>"},
            "The badge image IMAGES/cloud-architect-v2.png is not a PNG, JPEG, GIF or WebP "
            "image; nothing was changed.",
        ),
        (
            {"delay": 1.5},
            f"Credly did not answer within 1 seconds while reading page 1 of the badge "
            f"templates of organization “{ORGANIZATION}”; nothing was changed.",
        ),
    ],
)
def test_a_failing_sync_says_why_and_changes_nothing(credly, failure, message):
    sync()
    credly.templates[0] = {
        **credly.templates[0],
        "name": "Renamed",
        "image_url": credly.templates[0]["image_url"].replace(".png", "-v2.png"),
    }
    credly.templates[1] = {**credly.templates[1], "state": "archived"}
    before = snapshot()
    credly.failure = failure
    with pytest.raises(CommandError) as error:
        sync()
    assert str(error.value) == message.replace("IMAGES", f"{credly.url}/images")
    assert snapshot() == before


def test_an_unknown_organization_gives_404_and_changes_nothing(credly):
    sync()
    before = snapshot()
    with pytest.raises(CommandError) as error:
        sync("no-such-org")
    assert str(error.value) == (
        "Credly found no organization “no-such-org” or no access to it (HTTP 404); nothing "
        "was changed."
    )
    assert snapshot() == before


def test_without_a_token_the_sync_stops(credly, settings):
    settings.BADGECMS = {**settings.BADGECMS, "CREDLY_API_TOKEN": ""}
    with pytest.raises(CommandError) as error:
        sync()
    assert str(error.value) == (
        "No Credly API token is configured: set the CREDLY_API_TOKEN environment variable."
    )
    assert credly.requests == []


def test_the_admin_action_syncs_the_configured_organization(credly, settings, admin_client):
    settings.BADGECMS = {**settings.BADGECMS, "CREDLY_ORGANIZATION_ID": ORGANIZATION}
    listing = admin_client.get("/admin/snippets/badgecms_home/badge/").content.decode()
    assert "Sync from Credly" in listing
    page = admin_client.get("/admin/snippets/badgecms_home/badge/sync-credly/").content.decode()
    assert ORGANIZATION in page
    assert TOKEN not in page
    response = admin_client.post("/admin/snippets/badgecms_home/badge/sync-credly/", follow=True)
    assert [str(m).strip() for m in response.context["messages"]] == [
        "Synced from Credly: 3 created, 0 updated, 0 retired, 0 unchanged."
    ]
    assert Badge.objects.filter(live=True).count() == 3


def test_the_admin_action_shows_credlys_error_and_changes_nothing(credly, settings, admin_client):
    settings.BADGECMS = {**settings.BADGECMS, "CREDLY_ORGANIZATION_ID": ORGANIZATION}
    credly.failure = {"status": 401}
    response = admin_client.post("/admin/snippets/badgecms_home/badge/sync-credly/", follow=True)
    assert [str(m).strip() for m in response.context["messages"]] == [
        "Credly refused the API token (HTTP 401): check CREDLY_API_TOKEN; nothing was changed."
    ]
    assert Badge.objects.count() == 0


def test_an_editor_without_badge_permissions_cannot_sync(credly, client, django_user_model):
    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post("/admin/snippets/badgecms_home/badge/sync-credly/")
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "no access"
    assert credly.requests == []
