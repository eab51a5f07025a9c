"""C20: conditional requests answered exactly (RFC 9110 section 13) by the one place that
answers them (``badgecms.home.caching.conditional``), on a cache miss and on a hit.

``Last-Modified`` has one-second resolution: a body changed within the second a client
noted must never answer ``304`` to ``If-Modified-Since``; the strong ``ETag`` decides
whenever ``If-None-Match`` is sent; every 412 has the API's JSON error shape.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(make_landing_page):
    return make_landing_page(title="Badges", slug="badges")


def detail(page):
    return f"/api/v1/pages/{page.id}/"


def republish(page, title):
    draft = page.get_latest_revision_as_object()
    draft.title = title
    draft.save_revision().publish()


def test_a_change_within_the_noted_second_never_answers_304(client, page):
    """C20: publish, note Last-Modified, publish again within that second, then
    If-Modified-Since with the noted value: 200 with the new body."""
    start = timezone.now().replace(microsecond=100_000) + timedelta(seconds=5)
    with time_machine.travel(start, tick=False) as clock:
        republish(page, "First")
        first = client.get(detail(page))
        # Still within the second of the change: no date a client could misuse.
        assert first.json()["title"] == "First"
        assert "Last-Modified" not in first
        clock.shift(1)
        noted = client.get(detail(page))  # a cache hit, one second later
        assert parse_http_date(noted["Last-Modified"]) == int(start.timestamp())
        assert (
            client.get(detail(page), HTTP_IF_MODIFIED_SINCE=noted["Last-Modified"]).status_code
            == 304
        )

        clock.shift(0.5)  # the same second as the noted date's client clock
        republish(page, "Second")
        response = client.get(detail(page), HTTP_IF_MODIFIED_SINCE=noted["Last-Modified"])
        assert response.status_code == 200
        assert response.json()["title"] == "Second"
        clock.shift(1)
        later = client.get(detail(page), HTTP_IF_MODIFIED_SINCE=noted["Last-Modified"])
        assert later.status_code == 200
        assert parse_http_date(later["Last-Modified"]) > parse_http_date(noted["Last-Modified"])


def test_back_to_back_publishes_in_real_time(client, page):
    """Without a frozen clock: whatever second the requests fall in, a client that
    revalidates with the dates it was given never gets 304 for a changed body."""
    for number in range(5):
        republish(page, f"Title {number}")
        seen = client.get(detail(page))
        republish(page, f"Title {number} changed")
        if "Last-Modified" in seen:
            response = client.get(detail(page), HTTP_IF_MODIFIED_SINCE=seen["Last-Modified"])
            assert response.status_code == 200
        assert client.get(detail(page)).json()["title"] == f"Title {number} changed"


@pytest.mark.parametrize("hit", [False, True], ids=["miss", "hit"])
def test_if_none_match_decides_alone(client, page, hit):
    if hit:
        client.get(detail(page))
    current = client.get(detail(page))
    etag = current["ETag"]
    old_date = http_date(0)
    several = f'"other", {etag}, W/"x"'
    assert client.get(detail(page), HTTP_IF_NONE_MATCH=several).status_code == 304
    # Weak comparison for If-None-Match (RFC 9110 section 13.1.2).
    assert client.get(detail(page), HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    # A date that says "modified" does not override a matching ETag, nor the reverse.
    response = client.get(detail(page), HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=old_date)
    assert response.status_code == 304
    assert response.content == b"" and response["ETag"] == etag
    far_future = http_date(4_000_000_000)
    response = client.get(
        detail(page), HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=far_future
    )
    assert response.status_code == 200 and response.json()["title"] == "Badges"


@pytest.mark.parametrize("hit", [False, True], ids=["miss", "hit"])
@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("If-Match", '"not-the-current-one"'),
        ("If-Match", 'W/"weak-never-matches"'),
        ("If-Unmodified-Since", http_date(365 * 24 * 60 * 60)),
    ],
)
def test_failed_preconditions_answer_412_in_the_error_shape(client, page, hit, header, value):
    if hit:
        client.get(detail(page))
    meta = "HTTP_" + header.upper().replace("-", "_")
    response = client.get(detail(page), **{meta: value})
    assert response.status_code == 412
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "error": {
            "code": "precondition_failed",
            "message": f"The {header} condition does not match the current representation.",
            "field": header,
        }
    }


def test_matching_preconditions_and_malformed_dates_give_the_body(client, page):
    etag = client.get(detail(page))["ETag"]
    for meta, value in [
        ("HTTP_IF_MATCH", etag),
        ("HTTP_IF_MATCH", f'"other", {etag}'),
        ("HTTP_IF_MATCH", "*"),
        ("HTTP_IF_UNMODIFIED_SINCE", http_date(4_000_000_000)),
        ("HTTP_IF_UNMODIFIED_SINCE", "yesterday"),
        ("HTTP_IF_MODIFIED_SINCE", "not a date"),
        ("HTTP_IF_MODIFIED_SINCE", "Sun, 31 Feb 2026 25:61:00 GMT"),
    ]:
        response = client.get(detail(page), **{meta: value})
        assert (meta, response.status_code) == (meta, 200)
        assert response.json()["title"] == "Badges"


def test_the_html_page_answers_the_same_way(client, page):
    first = client.get(page.url)
    assert first.status_code == 200
    assert client.get(page.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(page.url, HTTP_IF_MATCH='"other"').status_code == 412
    republish(page, "Renamed")
    response = client.get(page.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and "<h1>Renamed</h1>" in response.content.decode()
