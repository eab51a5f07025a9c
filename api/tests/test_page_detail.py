"""``GET /api/v1/pages/<id>/``: the published landing page as JSON."""

import pytest
from django.utils import timezone
from wagtail.models import Page

from badgecms.home.tests.test_importer import CREDLY_URL, SEED_QUESTIONS
from tests.helpers.error_probes import NOT_FOUND


@pytest.mark.django_db
class TestPageDetail:
    def test_seed_page_json(self, seed_page, client):
        response = client.get(f"/api/v1/pages/{seed_page.id}/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
        assert set(data) >= {
            "id", "title", "slug", "url", "intro_heading", "intro", "certification_links",
            "faq_heading", "faqs", "badge_image", "last_published_at",
        }  # fmt: skip
        assert data["id"] == seed_page.id
        assert data["url"] == "http://localhost/"
        assert data["intro_heading"] == "What is Digital Badging?"
        assert '<a href="http://info.credly.com">Credly</a>' in data["intro"]
        assert data["certification_links"] == [
            {
                "label": "Tencent Cloud Certification Link",
                "text": "Credly certifications",
                "url": CREDLY_URL,
            }
        ]
        assert data["faq_heading"] == "FAQs"
        assert [item["question"] for item in data["faqs"]] == SEED_QUESTIONS
        assert [item["id"] for item in data["faqs"]] == [
            item["id"] for item in seed_page.faq_sources()
        ]
        assert (
            data["faqs"][6]["answer"]
            == "<p>No. This is a service we provide to you, at no cost.</p>"
        )
        assert (
            data["faqs"][6]["answer_text"] == "No. This is a service we provide to you, at no cost."
        )
        assert data["badge_image"] is None
        assert data["last_published_at"] == seed_page.last_published_at.isoformat().replace(
            "+00:00", "Z"
        )
        body = response.content.decode()
        for internal in ("linktype", "embedtype", "data-block-key"):
            assert internal not in body

    def test_not_live_and_missing_pages_are_the_same_404(self, make_landing_page, client):
        draft = make_landing_page(title="Draft", publish=False)
        missing = client.get("/api/v1/pages/999999/")
        hidden = client.get(f"/api/v1/pages/{draft.id}/")
        assert missing.status_code == hidden.status_code == 404
        assert hidden.json() == missing.json() == NOT_FOUND

    def test_expired_page_is_not_served(self, make_landing_page, client):
        page = make_landing_page(title="Old")
        Page.objects.filter(id=page.id).update(expire_at=timezone.now())
        assert client.get(f"/api/v1/pages/{page.id}/").status_code == 404

    def test_other_methods_are_405_json(self, seed_page, client):
        response = client.post(f"/api/v1/pages/{seed_page.id}/", {})
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"

    def test_internal_links_are_absolute_and_unpublished_links_plain_text(
        self, seed_page, make_landing_page, client
    ):
        target = make_landing_page(title="Target")
        hidden = make_landing_page(title="Hidden", publish=False)
        page = make_landing_page(
            title="Linking",
            intro=f'<p>See <a linktype="page" id="{target.id}">target</a>.</p>',
            faqs=[
                (
                    "Where?",
                    f'<p>Here <a linktype="page" id="{hidden.id}">secret</a> and '
                    f'<a linktype="page" id="{target.id}">there</a>.</p>',
                )
            ],
        )
        data = client.get(f"/api/v1/pages/{page.id}/").json()
        assert data["intro"] == '<p>See <a href="http://localhost/target/">target</a>.</p>'
        assert data["faqs"][0]["answer"] == (
            '<p>Here secret and <a href="http://localhost/target/">there</a>.</p>'
        )
        html = client.get(page.url).content.decode()
        assert '<p>See <a href="http://localhost/target/">target</a>.</p>' in html
        assert "hidden" not in html.lower()
