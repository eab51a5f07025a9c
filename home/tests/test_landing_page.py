"""The landing page as visitors and editors meet it: HTML at /, JSON-LD and the editor
(ordering, case C06, is in tests/test_ordering.py)."""

import json

import pytest
from bs4 import BeautifulSoup

from badgecms.home.tests.test_importer import CREDLY_URL, SEED_QUESTIONS


def json_ld(html):
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def html_questions(html):
    soup = BeautifulSoup(html, "html.parser")
    return [node.get_text(strip=True) for node in soup.select("details.faq-item summary")]


@pytest.mark.django_db
class TestHTMLPage:
    def test_root_shows_seed_content_in_document_order(self, seed_page, client):
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert html_questions(html) == SEED_QUESTIONS
        soup = BeautifulSoup(html, "html.parser")
        button = soup.select_one(".certification-links a.button")
        assert button["href"] == CREDLY_URL
        assert button.get_text(strip=True) == "Credly certifications"
        assert soup.select_one(".certification-links .link-label").get_text() == (
            "Tencent Cloud Certification Link"
        )
        assert soup.select_one("#intro-heading").get_text() == "What is Digital Badging?"
        assert soup.select_one(".intro a")["href"] == "http://info.credly.com"
        assert "We encourage you" not in html
        # No external resource: every stylesheet and script is local.
        for tag in soup.find_all(["link", "script"], src=True):
            assert tag["src"].startswith("/")
        for tag in soup.find_all("link", rel="stylesheet"):
            assert tag["href"].startswith("/static/")

    def test_json_ld_has_one_question_per_item(self, seed_page, client):
        data = json_ld(client.get("/").content.decode())
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "FAQPage"
        assert [entity["@type"] for entity in data["mainEntity"]] == ["Question"] * 13
        assert [entity["name"] for entity in data["mainEntity"]] == SEED_QUESTIONS
        first = data["mainEntity"][0]["acceptedAnswer"]
        assert first == {
            "@type": "Answer",
            "text": "<p>Open badges are web-enabled versions of a credential, certification "
            "or learning outcome which can be verified in real-time, online.</p>",
        }

    def test_json_ld_cannot_close_its_script_element(self, make_landing_page, client):
        page = make_landing_page(title="Tricky", faqs=[("</script><b>x</b>?", "<p>a</p>")])
        html = client.get(page.url).content.decode()
        assert "</script><b>" not in html
        assert json_ld(html)["mainEntity"][0]["name"] == "</script><b>x</b>?"

    def test_draft_change_is_invisible_until_published(self, seed_page, client):
        draft = seed_page.get_latest_revision_as_object()
        draft.faq_heading = "Draft heading"
        draft.title = "Draft title"
        revision = draft.save_revision()
        for body in (client.get("/").content, client.get(f"/api/v1/pages/{seed_page.id}/").content):
            assert b"Draft heading" not in body and b"Draft title" not in body
        revision.publish()
        assert b"Draft heading" in client.get("/").content
        api = client.get(f"/api/v1/pages/{seed_page.id}/").json()
        assert (api["faq_heading"], api["title"]) == ("Draft heading", "Draft title")

    def test_404_page(self, seed_page, client):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert b"Page not found" in response.content


@pytest.mark.django_db
class TestEditor:
    def test_superuser_opens_the_edit_view(self, seed_page, client, admin_user):
        client.force_login(admin_user)
        response = client.get(f"/admin/pages/{seed_page.id}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        for label in ("Certification links", "Frequently asked questions", "Introduction"):
            assert label in html
        assert "Full address of your badges on Credly" in html
