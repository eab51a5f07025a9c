"""Content fidelity of the page JSON (case C01): rich text as front-end HTML, images as
renditions, structured data, and the same HTML in the server-side template."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.helpers.markup import embedded_image, internal_link

pytestmark = pytest.mark.django_db

LEAKY_ATTRIBUTES = re.compile(r"\b(linktype|embedtype|id)=", re.IGNORECASE)


@pytest.fixture
def target(make_landing_page):
    return make_landing_page(title="Cloud badges", slug="cloud")


@pytest.fixture
def page_with_rich_text(make_landing_page, target, image, document):
    intro = (
        f"<p>Read about {internal_link(target, 'cloud badges')} and the "
        f'<a linktype="document" id="{document.id}">badge policy</a>.</p>'
        f"{embedded_image(image, alt='Intro badge')}"
    )
    answer = (
        f"<p>See {internal_link(target, 'the cloud page')}.</p>"
        f"{embedded_image(image, alt='Answer badge', image_format='left')}"
    )
    return make_landing_page(
        title="Rich badges", slug="rich", intro=intro, faqs=[("Where?", answer)]
    )


def get_json(api_client, page):
    response = api_client.get(f"/api/v1/pages/{page.id}/")
    assert response.status_code == 200
    return response.json()


def images_of(html):
    return [dict(img.attrs) for img in BeautifulSoup(html, "html.parser").find_all("img")]


def test_internal_links_are_absolute_urls_of_live_pages(api_client, page_with_rich_text):
    data = get_json(api_client, page_with_rich_text)
    assert '<a href="http://localhost/cloud/">cloud badges</a>' in data["intro"]
    assert data["faqs"][0]["answer"].startswith(
        '<p>See <a href="http://localhost/cloud/">the cloud page</a>.</p>'
    )
    assert data["faqs"][0]["answer_text"] == "See the cloud page."
    body = json.dumps(data)
    assert not LEAKY_ATTRIBUTES.search(data["intro"])
    assert not LEAKY_ATTRIBUTES.search(data["faqs"][0]["answer"])
    assert "linktype" not in body
    assert "embedtype" not in body


def test_document_links_become_absolute_document_urls(api_client, page_with_rich_text, document):
    data = get_json(api_client, page_with_rich_text)
    expected = f"http://testserver/documents/{document.id}/badge-policy.txt"
    assert f'<a href="{expected}">badge policy</a>' in data["intro"]


def test_embedded_images_are_renditions_with_size_and_alt(api_client, page_with_rich_text):
    data = get_json(api_client, page_with_rich_text)
    (intro_image,) = images_of(data["intro"])
    assert intro_image["alt"] == "Intro badge"
    # The fullwidth format is width-800; the 640×480 original is not upscaled.
    assert (intro_image["width"], intro_image["height"]) == ("640", "480")
    assert re.fullmatch(
        r"http://testserver/media/images/badge[^/]*\.width-800\.png", intro_image["src"]
    )
    (answer_image,) = images_of(data["faqs"][0]["answer"])
    assert answer_image["alt"] == "Answer badge"
    assert (answer_image["width"], answer_image["height"]) == ("500", "375")
    assert re.fullmatch(
        r"http://testserver/media/images/badge[^/]*\.width-500\.png", answer_image["src"]
    )


@pytest.mark.parametrize("privacy", ["draft", "unpublished", "expired", "login", "password"])
def test_links_to_pages_that_are_not_public_become_plain_text(
    api_client, make_landing_page, target, privacy
):
    if privacy == "draft":
        target = make_landing_page(title="Draft badges", slug="draft", publish=False)
    elif privacy == "unpublished":
        target.unpublish()
    elif privacy == "expired":
        type(target).objects.filter(pk=target.pk).update(
            expire_at=timezone.now() - timezone.timedelta(minutes=1)
        )
    else:
        PageViewRestriction.objects.create(page=target, restriction_type=privacy, password="s3")
    page = make_landing_page(
        title="Linking", intro=f"<p>Go to {internal_link(target, 'that page')} now.</p>"
    )
    data = get_json(api_client, page)
    assert data["intro"] == "<p>Go to that page now.</p>"
    assert target.slug not in json.dumps(data)


def test_links_to_deleted_pages_become_plain_text(api_client, make_landing_page, target):
    page = make_landing_page(title="Linking", intro=f"<p>{internal_link(target, 'Gone')}</p>")
    target.delete()
    assert get_json(api_client, page)["intro"] == "<p>Gone</p>"


def test_the_html_page_shows_the_same_html_as_the_json(api_client, client, page_with_rich_text):
    data = get_json(api_client, page_with_rich_text)
    html = client.get("/rich/").content.decode()
    assert data["intro"] in html
    assert data["faqs"][0]["answer"] in html
    assert "linktype" not in html
    assert "embedtype" not in html
    ld = BeautifulSoup(html, "html.parser").find("script", type="application/ld+json")
    assert json.loads(ld.string) == data["structured_data"]


def test_structured_data_is_the_schema_org_faq_page(api_client, page_with_rich_text):
    data = get_json(api_client, page_with_rich_text)
    assert data["structured_data"] == {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": "Where?",
                "acceptedAnswer": {"@type": "Answer", "text": data["faqs"][0]["answer"]},
            }
        ],
    }


def test_badge_image_has_named_renditions(api_client, make_landing_page, image):
    page = make_landing_page(title="Pictured", badge_image=image)
    badge = get_json(api_client, page)["badge_image"]
    assert badge["alt"] == "A blue badge"
    assert (badge["width"], badge["height"]) == (640, 480)
    assert badge["url"] == badge["renditions"]["medium"]["url"]
    badge_url = r"http://testserver/media/images/badge[^/]*\.max-800x800\.png"
    assert re.fullmatch(badge_url, badge["url"])
    sizes = {name: (r["width"], r["height"]) for name, r in badge["renditions"].items()}
    assert sizes == {"small": (400, 300), "medium": (640, 480), "large": (640, 480)}


def test_rendered_html_stays_inert_in_json(api_client, make_landing_page):
    page = make_landing_page(title="Escaped", faqs=[("Q?", "<p>a &lt;script&gt; tag</p>")])
    response = api_client.get(f"/api/v1/pages/{page.id}/")
    assert b"<" not in response.content
    assert response.json()["faqs"][0]["answer_text"] == "a <script> tag"
