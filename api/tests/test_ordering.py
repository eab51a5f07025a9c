"""Ordering (case C06): items 1, 2, 3 of each orderable list, item 3 moved to the top in
the Wagtail admin and published, come in the order 3, 1, 2 in the admin, the HTML page,
the JSON and the structured data."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from badgecms.home.tests.badge_builders import badges_form_data

pytestmark = pytest.mark.django_db

MOVED = ["Question 3?", "Question 1?", "Question 2?"]
MOVED_LINKS = ["Link 3", "Link 1", "Link 2"]


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def page(make_landing_page):
    return make_landing_page(
        title="Ordered",
        slug="ordered",
        faqs=[(f"Question {n}?", f"<p>Answer {n}</p>") for n in (1, 2, 3)],
        links=[(f"Link {n}", f"Text {n}", f"https://example.org/{n}") for n in (1, 2, 3)],
    )


def move_third_to_top(admin_client, page):
    """Post the admin edit form as the admin's drag and drop leaves it: the third FAQ
    item and the third certification link get position 0, then publish."""
    blocks = list(page.faqs)
    links = list(page.certification_links.all())
    positions = [1, 2, 0]
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "seo_title": "",
            "search_description": "",
            "intro_heading": page.intro_heading,
            "intro": rich_text(page.intro or "<p></p>"),
            "badge_image": "",
            "faq_heading": page.faq_heading,
            "faqs": {
                "count": 3,
                **{
                    str(index): {
                        "type": "faq",
                        "id": block.id,
                        "deleted": "",
                        "order": positions[index],
                        "value": {
                            "question": block.value["question"],
                            "answer": rich_text(block.value["answer"].source),
                        },
                    }
                    for index, block in enumerate(blocks)
                },
            },
            "certification_links": inline_formset(
                [
                    {
                        "id": link.id,
                        "label": link.label,
                        "text": link.text,
                        "url": link.url,
                        "ORDER": positions[index] + 1,
                    }
                    for index, link in enumerate(links)
                ],
                initial=3,
            ),
            "comments": inline_formset([]),
            **badges_form_data(page),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{page.id}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]


def positions_in(text, needles):
    return [text.index(needle) for needle in needles]


def test_c06_order_after_moving_the_third_item_to_the_top(admin_client, api_client, page):
    move_third_to_top(admin_client, page)

    page.refresh_from_db()
    assert [block.value["question"] for block in page.faqs] == MOVED
    assert [link.label for link in page.certification_links.all()] == MOVED_LINKS

    admin_html = admin_client.get(f"/admin/pages/{page.id}/edit/").content.decode()
    assert positions_in(admin_html, MOVED) == sorted(positions_in(admin_html, MOVED))
    assert positions_in(admin_html, MOVED_LINKS) == sorted(positions_in(admin_html, MOVED_LINKS))

    html = api_client.get("/ordered/").content.decode()
    assert positions_in(html, MOVED) == sorted(positions_in(html, MOVED))
    assert positions_in(html, MOVED_LINKS) == sorted(positions_in(html, MOVED_LINKS))
    ld = BeautifulSoup(html, "html.parser").find("script", type="application/ld+json")
    assert [question["name"] for question in json.loads(ld.string)["mainEntity"]] == MOVED

    data = api_client.get(f"/api/v1/pages/{page.id}/").json()
    assert [item["question"] for item in data["faqs"]] == MOVED
    assert [item["answer_text"] for item in data["faqs"]] == ["Answer 3", "Answer 1", "Answer 2"]
    assert [link["label"] for link in data["certification_links"]] == MOVED_LINKS
    assert [q["name"] for q in data["structured_data"]["mainEntity"]] == MOVED
    listed = api_client.get("/api/v1/pages/?slug=ordered").json()["results"][0]
    assert [item["question"] for item in listed["faqs"]] == MOVED
    assert [link["label"] for link in listed["certification_links"]] == MOVED_LINKS
    faqs = api_client.get(f"/api/v1/faqs/?page={page.id}").json()["results"]
    assert [item["question"] for item in faqs] == MOVED
