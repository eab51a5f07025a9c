"""The content API's response cache (``badgecms.api.cache``): zero queries on a hit, a constant
number on a miss however many FAQ items, links and images, ETags that follow the
content, conditional requests, errors never cached, throttles still applied."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.throttling import AnonRateThrottle
from wagtail.rich_text import RichText

from badgecms.api.views import PageDetailView

pytestmark = pytest.mark.django_db

#: Most SQL queries a detail request may make when its response is not cached (one of
#: them reads the page's choice of badges).
COLD_QUERY_BUDGET = 9


def detail_url(page):
    return f"/api/v1/pages/{page.id}/"


def answer(number, target, image):
    return (
        f'<p>Answer {number}: see <a linktype="page" id="{target.id}">the target</a>.</p>'
        f'<embed embedtype="image" id="{image.id}" format="left" alt="Picture {number}"/>'
    )


@pytest.mark.parametrize("faq_count", [13, 1000])
def test_hit_makes_no_query_and_a_miss_a_constant_number(
    client,
    make_landing_page,
    image,
    faq_count,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    target = make_landing_page(title="Target", slug="target")
    page = make_landing_page(
        title="Big",
        intro=f'<p>Intro <a linktype="page" id="{target.id}">link</a></p>',
        faqs=[(f"Question {n}?", answer(n, target, image)) for n in range(faq_count)],
        links=[("Label", "Text", "https://www.credly.com/org/badges")] * 3,
        badge_image=image,
    )
    client.get(detail_url(page))  # renditions made once; site root paths cached

    # After a publish the next request is a miss (counting the one query that starts the
    # content generation, which a committed publish would already have started).
    page.save_revision().publish()
    with django_assert_max_num_queries(COLD_QUERY_BUDGET):
        cold = client.get(detail_url(page))
    with django_assert_num_queries(0):
        warm = client.get(detail_url(page))

    assert cold.content == warm.content
    data = warm.json()
    assert len(data["faqs"]) == faq_count
    assert data["faqs"][-1]["answer"].startswith(
        f'<p>Answer {faq_count - 1}: see <a href="http://localhost/target/">the target</a>'
    )
    assert f'alt="Picture {faq_count - 1}"' in data["faqs"][-1]["answer"]
    assert data["badge_image"]["alt"] == "A blue badge"


def test_etag_follows_the_content_and_answers_304(client, make_landing_page):
    page = make_landing_page(
        title="Badges", faqs=[("One?", "<p>First answer</p>"), ("Two?", "<p>Second</p>")]
    )
    first = client.get(detail_url(page))
    again = client.get(detail_url(page))
    etag = first["ETag"]
    assert etag.startswith('"') and again["ETag"] == etag

    not_modified = client.get(detail_url(page), HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag

    draft = page.get_latest_revision_as_object()
    draft.faqs[1].value["answer"] = RichText("<p>Edited</p>")
    draft.save_revision().publish()

    changed = client.get(detail_url(page), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    data = changed.json()
    assert [item["answer"] for item in data["faqs"]] == ["<p>First answer</p>", "<p>Edited</p>"]
    assert [item["id"] for item in data["faqs"]] == [item["id"] for item in first.json()["faqs"]]
    assert changed["ETag"] != etag


def test_errors_are_never_cached(client, make_landing_page):
    page = make_landing_page(title="Later", publish=False)
    assert client.get(detail_url(page)).status_code == 404
    page.save_revision().publish()
    assert client.get(detail_url(page)).json()["title"] == "Later"


def test_accept_header_is_part_of_the_key(client, make_landing_page):
    page = make_landing_page(title="Badges")
    assert client.get(detail_url(page), HTTP_ACCEPT="application/json").status_code == 200
    assert client.get(detail_url(page), HTTP_ACCEPT="text/csv").status_code == 406


@override_settings(BADGECMS={**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 0})
def test_timeout_zero_turns_the_cache_off(client, make_landing_page):
    page = make_landing_page(title="Badges", faqs=[("One?", "<p>First</p>")])
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(detail_url(page)).json()["title"] == "Badges"
        assert len(queries) > 0


class TwoPerMinute(AnonRateThrottle):
    rate = "2/minute"


def test_throttles_apply_to_hits(make_landing_page):
    page = make_landing_page(title="Badges")
    view = type("ThrottledDetail", (PageDetailView,), {"throttle_classes": [TwoPerMinute]})
    request = RequestFactory().get(detail_url(page), REMOTE_ADDR="192.0.2.1")
    responses = [view.as_view()(request, pk=page.id) for _ in range(3)]
    assert [response.status_code for response in responses] == [200, 200, 429]
    assert responses[1].content == responses[0].content
