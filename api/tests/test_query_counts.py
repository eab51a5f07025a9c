"""SQL cost of the content API: the number of queries of a request does not grow with
the number of FAQ items, links and images (detail), nor with the number of pages or FAQ
items returned (listings). Counts are measured after a first request has created the
image renditions (creating a rendition file is a one-time cost per image and size)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.helpers.markup import embedded_image, internal_link

pytestmark = pytest.mark.django_db


def faqs_with_links_and_images(count, target, image):
    return [
        (
            f"Question {number}?",
            f"<p>Answer {number}, see {internal_link(target, 'the other page')}.</p>"
            f"{embedded_image(image, alt=f'Picture {number}')}",
        )
        for number in range(count)
    ]


def count_queries(api_client, url):
    api_client.get(url)  # warm: renditions created, Wagtail's site root paths cached
    # The cost of rendering: with the response cache on, the request would be a hit and
    # make no query at all (api/tests/test_response_cache.py).
    with (
        override_settings(BADGECMS={**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 0}),
        CaptureQueriesContext(connection) as queries,
    ):
        response = api_client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_detail_costs_the_same_for_13_and_500_faqs_with_links_and_images(
    api_client, make_landing_page, target, image, django_assert_max_num_queries
):
    counts = {}
    for faq_count in (13, 500):
        page = make_landing_page(
            title=f"{faq_count} questions",
            faqs=faqs_with_links_and_images(faq_count, target, image),
            links=[("Label", "Text", "https://example.org/")] * 3,
            badge_image=image,
        )
        counts[faq_count], response = count_queries(api_client, f"/api/v1/pages/{page.id}/")
        data = response.json()
        assert len(data["faqs"]) == faq_count
        assert data["faqs"][-1]["answer"].startswith(
            f'<p>Answer {faq_count - 1}, see <a href="http://localhost/target/">'
        )
        assert 'alt="Picture' in data["faqs"][-1]["answer"]
    assert counts[13] == counts[500]
    with django_assert_max_num_queries(counts[13]):
        api_client.get(f"/api/v1/pages/{page.id}/")
    assert counts[13] <= 8


def test_listing_costs_the_same_for_1_and_30_pages(api_client, make_landing_page, target, image):
    def add_pages(count, start):
        for number in range(start, start + count):
            make_landing_page(
                title=f"Page {number}",
                faqs=faqs_with_links_and_images(3, target, image),
                links=[("Label", "Text", "https://example.org/")],
                badge_image=image,
            )

    add_pages(1, 0)
    few, response = count_queries(api_client, "/api/v1/pages/?limit=100")
    assert response.json()["count"] == 2
    add_pages(29, 1)
    many, response = count_queries(api_client, "/api/v1/pages/?limit=100")
    assert response.json()["count"] == 31
    assert few == many
    searched_few, _ = count_queries(api_client, "/api/v1/pages/?search=Answer&limit=1")
    searched_many, response = count_queries(api_client, "/api/v1/pages/?search=Answer&limit=100")
    assert response.json()["count"] == 30
    assert searched_few == searched_many


def test_faq_listing_costs_the_same_for_1_and_20_pages(
    api_client, make_landing_page, target, image
):
    make_landing_page(title="First", faqs=faqs_with_links_and_images(2, target, image))
    few, response = count_queries(api_client, "/api/v1/faqs/?limit=100")
    assert response.json()["count"] == 2
    for number in range(19):
        make_landing_page(title=f"More {number}", faqs=faqs_with_links_and_images(2, target, image))
    many, response = count_queries(api_client, "/api/v1/faqs/?limit=100")
    assert response.json()["count"] == 40
    assert few == many


def test_a_cold_detail_makes_one_query_per_kind_of_data(
    api_client, make_landing_page, target, image
):
    """The queries of a cold detail with links and images in its answers (issue 15):
    the page (view restrictions checked inside it), its certification links, its
    badges, the pages its answers link to, and the embedded images with their
    renditions. The site was looked up by the first request of this content generation
    (api/tests/test_site_lookup.py); the badge image's renditions come from Django's
    cache."""
    page = make_landing_page(
        faqs=faqs_with_links_and_images(13, target, image),
        links=[("Label", "Text", "https://example.org/")],
        badge_image=image,
    )
    api_client.get(f"/api/v1/pages/{page.id}/")  # renditions created, root paths cached
    with (
        override_settings(BADGECMS={**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 0}),
        CaptureQueriesContext(connection) as queries,
    ):
        assert api_client.get(f"/api/v1/pages/{page.id}/").status_code == 200
    tables = [query["sql"].split(" FROM ", 1)[1].split()[0].strip('"') for query in queries]
    assert tables == [
        "badgecms_home_badgelandingpage",
        "badgecms_home_certificationlink",
        "badgecms_home_landingpagebadge",
        "wagtailcore_page",
        "wagtailimages_image",
        "wagtailimages_rendition",
    ]
