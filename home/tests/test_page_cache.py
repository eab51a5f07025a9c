"""The HTML page cache (``badgecms.home.caching.page_cache``): what is cached, for whom, and how it
answers."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def queries_of(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    return len(queries), response


def test_hit_makes_no_query_and_answers_304(client, make_landing_page):
    page = make_landing_page(title="Badges", faqs=[("Cost?", "<p>Free</p>")])
    first_count, first = queries_of(client, page.url)
    hit_count, hit = queries_of(client, page.url)
    assert first_count > 0 and hit_count == 0
    assert hit.content == first.content and b"<h1>Badges</h1>" in hit.content
    assert hit["ETag"] == first["ETag"]
    assert "Cookie" in hit["Vary"]

    count, not_modified = queries_of(client, page.url, HTTP_IF_NONE_MATCH=hit["ETag"])
    assert (count, not_modified.status_code, not_modified.content) == (0, 304, b"")


def test_signed_in_editor_never_gets_the_cached_page(client, make_landing_page):
    page = make_landing_page(title="Badges")
    client.get(page.url)
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)

    count, response = queries_of(client, page.url)
    assert count > 0
    assert b"wagtail-userbar" in response.content

    client.logout()
    client.cookies.clear()
    count, response = queries_of(client, page.url)
    assert count == 0
    assert b"wagtail-userbar" not in response.content


def test_password_form_is_not_cached(client, make_landing_page):
    page = make_landing_page(title="Secret")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    counts = []
    for _ in range(2):
        count, response = queries_of(client, page.url)
        counts.append(count)
        assert b"csrfmiddlewaretoken" in response.content
        assert b"<h1>Secret</h1>" not in response.content
    assert all(count > 0 for count in counts)


def test_other_page_types_are_not_cached(client, site):
    # Wagtail's "Welcome" page is a plain Page: only landing pages are cached.
    for _ in range(2):
        count, response = queries_of(client, "/")
        assert response.status_code == 200 and count > 0


def test_query_string_is_part_of_the_key(client, make_landing_page):
    page = make_landing_page(title="Badges")
    client.get(page.url)
    count, response = queries_of(client, page.url + "?utm_source=mail")
    assert count > 0 and b"<h1>Badges</h1>" in response.content
    count, _ = queries_of(client, page.url + "?utm_source=mail")
    assert count == 0
