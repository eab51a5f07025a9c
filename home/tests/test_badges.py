"""The badge snippet: publishing with revisions, the admin's create form and preview,
square art, and a landing page's ordered choice of badges."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from badgecms.home.models import Badge
from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges
from tests.helpers.editor_forms import editor_form_data

pytestmark = pytest.mark.django_db


def test_a_badge_is_a_draft_until_published():
    badge = make_badge("Cloud Architect", skills=["Networking", "Cloud"], publish=False)
    assert badge.live is False
    assert badge.revisions.count() == 1
    badge.latest_revision.publish()
    badge.refresh_from_db()
    assert badge.live is True
    assert badge.live_revision_id == badge.latest_revision_id
    assert badge.skill_names() == ["Cloud", "Networking"]


def test_the_admin_creates_and_publishes_a_badge(admin_client):
    art = badge_art()
    data = nested_form_data(
        {
            "name": "Data Analyst",
            "slug": "data-analyst",
            "description": rich_text("<p>Analyses <b>data</b>.</p>"),
            "image": art.pk,
            "image_alt": "A blue hexagon with a chart",
            "criteria_narrative": "Pass the exam.",
            "criteria_url": "https://example.org/criteria",
            "skills": "SQL, Statistics",
            "level": "Intermediate",
            "badge_type": "Certification",
            "time_to_earn": "40 hours",
            "cost": "Paid",
            "validity": "3 years",
            "earn_url": "https://example.org/earn",
            "credly_url": "",
            "activities": inline_formset(
                [{"activity_type": "Assessment", "title": "Exam", "url": "https://example.org/x"}]
            ),
        }
    )
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailsnippets_badgecms_home_badge:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    badge = Badge.objects.get(slug="data-analyst")
    assert badge.live is True
    assert badge.skill_names() == ["SQL", "Statistics"]
    assert [(a.activity_type, a.title) for a in badge.activities.all()] == [("Assessment", "Exam")]
    assert badge.alt_text == "A blue hexagon with a chart"
    assert badge.credly_template_id is None


def test_badge_art_must_be_square():
    badge = Badge(name="Wide", slug="wide", image=badge_art("Banner", size=(640, 480)))
    with pytest.raises(ValidationError) as error:
        badge.full_clean()
    assert error.value.message_dict["image"] == [
        "The badge art must be square; “Banner” is 640×480 pixels."
    ]


def test_the_alt_text_falls_back_to_the_image_description():
    badge = make_badge(image=badge_art(description="Gold star"))
    assert badge.alt_text == "Gold star"


def test_the_preview_shows_the_unsaved_badge():
    badge = Badge(name="Unsaved Badge", slug="unsaved", level="Advanced")
    request = RequestFactory().get("/")
    response = badge.serve_preview(request, "")
    html = response.render().content.decode()
    assert "<h1>Unsaved Badge</h1>" in html
    assert '<span class="badge-level">Advanced</span>' in html


def test_a_page_shows_its_badges_in_the_chosen_order(make_landing_page):
    first, second, third = (make_badge(name) for name in ("Alpha", "Beta", "Gamma"))
    page = show_badges(make_landing_page(), [third, first, second], {0: "Cloud", 2: "Data"})
    assert [(item.badge.name, item.group_heading) for item in page.badges.all()] == [
        ("Gamma", "Cloud"),
        ("Alpha", ""),
        ("Beta", "Data"),
    ]


def test_an_editor_chooses_and_orders_badges_in_the_page_editor(admin_client, make_landing_page):
    first, second = make_badge("Alpha"), make_badge("Beta")
    page = make_landing_page()
    data = editor_form_data(
        page,
        action="publish",
        badges_heading="Our badges",
        badges=inline_formset(
            [
                {"badge": second.pk, "group_heading": "Data", "ORDER": 1},
                {"badge": first.pk, "group_heading": "", "ORDER": 2},
            ]
        ),
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.badges_heading == "Our badges"
    assert [(item.badge.name, item.group_heading) for item in page.badges.all()] == [
        ("Beta", "Data"),
        ("Alpha", ""),
    ]


def test_the_badges_listing_searches_by_name_and_description(admin_client):
    """Regression (adversarial review): any search on the admin's Badges listing was a 500
    (the viewset limited the search to a field the search index does not hold)."""
    make_badge(name="Cloud Foundations")
    make_badge(name="Data Analyst")
    response = admin_client.get(reverse("wagtailsnippets_badgecms_home_badge:list"), {"q": "cloud"})
    assert response.status_code == 200
    assert "Cloud Foundations" in response.text
    assert "Data Analyst" not in response.text
