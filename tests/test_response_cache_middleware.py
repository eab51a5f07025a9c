"""The response cache at the top of ``MIDDLEWARE``
(``badgecms.home.caching.middleware.ResponseCacheMiddleware``): a warm hit sends the bytes
and headers of the miss that kept it (CORS for its ``Origin``, CSP, security headers,
``ETag``, ``Last-Modified``) with no SQL query and no other middleware; what must not be
sent that way (a draft, a preview, a signed-in editor, a conditional request, a throttled
client, a response of a past generation) goes through the stack.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from badgecms.api.preview_tokens import issue_preview_token

pytestmark = pytest.mark.django_db

FRONTEND = "https://frontend.example"
OTHER = "https://other.example"


def sent_early(response):
    """True when the middleware sent ``response`` from memory: no other middleware ran
    (``SessionMiddleware`` gives every request it sees a ``session``)."""
    return not hasattr(response.wsgi_request, "session")


@pytest.fixture
def page(make_landing_page):
    return make_landing_page(title="Badges", faqs=[("Cost?", "<p>Free</p>")])


@pytest.fixture
def later(client, page, time_machine):
    """This process has seen the page's content generation, and the clock stands two
    seconds later: ``Last-Modified`` is sent (the second of the change is over) and is
    the same for a miss and a hit."""
    client.get("/api/v1/pages/")
    time_machine.move_to(timezone.now() + timedelta(seconds=2), tick=False)


def test_a_warm_detail_sends_what_the_miss_sent_for_each_origin(
    client, settings, page, later, django_assert_num_queries
):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND, OTHER]
    url = f"/api/v1/pages/{page.id}/"
    sent = {}
    for origin in (FRONTEND, OTHER):
        miss = client.get(url, headers={"origin": origin})
        with django_assert_num_queries(0):
            hit = client.get(url, headers={"origin": origin})
        assert (sent_early(miss), sent_early(hit)) == (False, True)
        assert hit.status_code == miss.status_code == 200
        assert hit.content == miss.content
        assert dict(hit.headers) == dict(miss.headers)
        sent[origin] = hit
    for origin, hit in sent.items():
        assert hit["Access-Control-Allow-Origin"] == origin
        assert hit["Access-Control-Expose-Headers"] == "ETag, Retry-After"
        assert "default-src 'self'" in hit["Content-Security-Policy"].split("; ")
        assert hit["X-Frame-Options"] == "DENY"
        assert hit["X-Content-Type-Options"] == "nosniff"
        assert hit["ETag"].startswith('"') and hit["Last-Modified"].endswith(" GMT")
        assert hit["Cache-Control"] == "public, max-age=300"
        assert hit["Content-Length"] == str(len(hit.content))
        assert {field.strip().lower() for field in hit["Vary"].split(",")} == {"accept", "origin"}
    # Without an Origin: no CORS header, a copy of its own.
    plain = client.get(url)
    assert not sent_early(plain) and "Access-Control-Allow-Origin" not in plain
    assert plain.content == sent[FRONTEND].content


def test_a_warm_html_page_sends_what_the_miss_sent(client, page, later, django_assert_num_queries):
    miss = client.get(page.url)
    with django_assert_num_queries(0):
        hit = client.get(page.url)
    assert (sent_early(miss), sent_early(hit)) == (False, True)
    assert hit.content == miss.content and b"Free" in hit.content
    assert dict(hit.headers) == dict(miss.headers)
    assert hit["Content-Type"] == "text/html; charset=utf-8"
    assert "cookie" in hit["Vary"].lower()
    assert "default-src 'self'" in hit["Content-Security-Policy"].split("; ")


def test_a_change_is_sent_on_the_next_request(client, page):
    url = f"/api/v1/pages/{page.id}/"
    client.get(url)
    assert sent_early(client.get(url))
    draft = page.get_latest_revision_as_object()
    draft.title = "Draft title"
    draft.save_revision()
    kept = client.get(url)
    assert sent_early(kept) and kept.json()["title"] == "Badges"  # a draft changes nothing

    draft.save_revision().publish()
    fresh = client.get(url)
    assert not sent_early(fresh) and fresh.json()["title"] == "Draft title"
    again = client.get(url)
    assert sent_early(again) and again.content == fresh.content


def test_conditional_requests_go_through_the_stack(client, page, later):
    url = f"/api/v1/pages/{page.id}/"
    client.get(url)
    hit = client.get(url)
    assert sent_early(hit)
    not_modified = client.get(url, headers={"if-none-match": hit["ETag"]})
    assert not sent_early(not_modified) and not_modified.status_code == 304
    assert not_modified["ETag"] == hit["ETag"]
    since = client.get(url, headers={"if-modified-since": hit["Last-Modified"]})
    assert since.status_code == 304
    failed = client.get(url, headers={"if-match": '"other"'})
    assert failed.status_code == 412 and failed.json()["error"]["code"] == "precondition_failed"


def test_signed_in_editors_previews_and_errors_are_never_sent_early(
    client, editor_client, moderator, page
):
    for _ in range(2):
        editor_page = editor_client.get(page.url)
        missing = client.get("/api/v1/pages/999999/")
    assert not sent_early(editor_page) and editor_page.status_code == 200
    assert not sent_early(missing) and missing.status_code == 404

    draft = page.get_latest_revision_as_object()
    draft.title = "Secret draft"
    draft.save_revision()
    token = issue_preview_token(draft, moderator)
    for _ in range(2):
        preview = client.get("/api/v1/preview/", {"token": token})
        assert not sent_early(preview) and preview.json()["title"] == "Secret draft"
    for _ in range(2):
        live = client.get(f"/api/v1/pages/{page.id}/")
    assert sent_early(live) and live.json()["title"] == "Badges"
    assert b"Secret draft" not in client.get(page.url).content


def test_a_hit_counts_against_the_throttle(api_client, page, badgecms_settings):
    badgecms_settings(API_THROTTLE_RATE="3/minute")
    url = f"/api/v1/pages/{page.id}/"
    responses = [api_client.get(url) for _ in range(4)]
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert [sent_early(response) for response in responses] == [False, True, True, False]
    assert responses[3].json()["error"]["code"] == "throttled"
    # Another client (IP address) has its own allowance, served from memory.
    assert sent_early(api_client.get(url, REMOTE_ADDR="198.51.100.7"))


def test_the_memory_layer_can_be_turned_off(client, page, badgecms_settings):
    badgecms_settings(CONTENT_CACHE_MEMORY=0)
    url = f"/api/v1/pages/{page.id}/"
    responses = [client.get(url) for _ in range(2)]
    assert [sent_early(response) for response in responses] == [False, False]
    assert responses[0].content == responses[1].content


def test_a_response_varying_on_another_header_is_not_kept(client, settings, page):
    """With compression in the stack the response varies on Accept-Encoding, which the
    key does not hold: every request goes through the stack."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "django.middleware.gzip.GZipMiddleware"]
    url = f"/api/v1/pages/{page.id}/"
    for _ in range(2):
        response = client.get(url, headers={"accept-encoding": "gzip"})
        assert not sent_early(response)
        assert response["Content-Encoding"] == "gzip"
        assert "accept-encoding" in response["Vary"].lower()


def test_a_head_request_gets_the_headers_a_head_through_the_stack_gets(client, page, later):
    url = f"/api/v1/pages/{page.id}/"
    through_stack = client.head(url)  # a HEAD is never kept
    assert not sent_early(through_stack)
    client.get(url)
    early = client.head(url)
    assert sent_early(early) and early.status_code == 200 and early.content == b""
    assert dict(early.headers) == dict(through_stack.headers)
