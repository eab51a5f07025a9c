"""Search over landing pages (Wagtail's database search backend), which behaves
differently per database (PostgreSQL full-text search, SQLite FTS): the same queries find
the same pages on both, and the index follows edits."""

import pytest
from django.contrib.auth import get_user_model

from badgecms.home.models import BadgeLandingPage


def found(query):
    return [page.slug for page in BadgeLandingPage.objects.live().search(query)]


@pytest.mark.django_db
def test_title_intro_and_faq_answers_are_searchable(seed_page, make_landing_page):
    make_landing_page(
        title="Cloud badges",
        slug="cloud",
        faqs=[("How long is it valid?", "<p>Three years from the exam date.</p>")],
    )
    assert found("Digital Badges") == ["home"]
    assert found("marketplace") == ["home"]  # a word of the seed intro only
    assert found("labor market insights") == ["home"]  # an FAQ question of the seed
    assert found("exam") == ["cloud"]  # an FAQ answer
    assert found("zebracorn") == []


@pytest.mark.django_db
def test_the_index_follows_a_published_edit(seed_page):
    page = BadgeLandingPage.objects.get(id=seed_page.id)
    page.intro = "<p>Zebracorn certification programme.</p>"
    page.save_revision().publish()
    assert found("zebracorn") == ["home"]
    assert found("marketplace") == []


@pytest.mark.django_db
def test_admin_page_search_finds_the_page(client, seed_page):
    client.force_login(get_user_model().objects.create_superuser("a", "a@example.org", "pw"))
    response = client.get("/admin/pages/search/", {"q": "Digital Badges"})
    assert response.status_code == 200
    assert [page.id for page in response.context["pages"]] == [seed_page.id]
