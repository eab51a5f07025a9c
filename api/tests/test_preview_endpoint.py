"""``GET /api/v1/preview/``: the preview token's content in the detail schema, and every
way a token can be wrong (case C09: missing, malformed, tampered, expired, mismatched),
each a 4xx JSON error that never falls back to the live page."""

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from badgecms.api.models import PagePreview
from badgecms.api.preview_tokens import TOKEN_SALT
from tests.helpers.editor_forms import current_faqs, faq

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/api/v1/preview/"


@pytest.fixture
def start():
    """A whole second shortly after now (the editor's session must still be valid)."""
    return (timezone.now() + dt.timedelta(seconds=1)).replace(microsecond=0)


def get_preview(api_client, **params):
    response = api_client.get(PREVIEW_URL, params)
    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Content-Type"] == "application/json"
    return response


def assert_error(response, status, code, field):
    assert response.status_code == status
    body = response.json()
    assert body == {"error": {"code": code, "message": body["error"]["message"], "field": field}}
    assert body["error"]["message"]
    assert b"Badges" not in response.content  # never the live page as a fallback


def draft_faqs(page, answer):
    """The page's FAQ with its first answer changed and the last item moved first."""
    items = current_faqs(page)
    return [items[-1], {**items[0], "answer": answer}, *items[1:-1]]


def test_preview_returns_the_draft_in_the_detail_schema(
    start, landing_page, preview_in_frontend, api_client
):
    with time_machine.travel(start, tick=False):
        token = preview_in_frontend(
            landing_page, faqs=draft_faqs(landing_page, "<p>Draft answer.</p>")
        )
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        response = get_preview(api_client, token=token)
    assert response.status_code == 200
    preview = response.json()
    detail = api_client.get(f"/api/v1/pages/{landing_page.pk}/").json()
    assert set(preview) == {*detail, "preview", "preview_created_at", "latest_revision_created_at"}
    assert preview["preview"] is True
    assert preview["preview_created_at"] == start.strftime("%Y-%m-%dT%H:%M:%SZ")
    revision_created_at = landing_page.latest_revision.created_at
    assert preview["latest_revision_created_at"] == revision_created_at.isoformat()[:-6] + "Z"
    assert [item["question"] for item in preview["faqs"]] == [
        "Is it free?",
        "What is a badge?",
        "Who issues it?",
    ]
    assert preview["faqs"][1]["answer"] == "<p>Draft answer.</p>"
    assert preview["faqs"][1]["answer_text"] == "Draft answer."
    for name in ("id", "title", "slug", "url", "intro", "certification_links", "last_published_at"):
        assert preview[name] == detail[name], name
    # The live page is untouched.
    assert detail["faqs"][0]["answer"] == "<p>Old answer one.</p>"


def test_unchanged_preview_equals_the_detail_json(landing_page, preview_in_frontend, api_client):
    preview = get_preview(api_client, token=preview_in_frontend(landing_page)).json()
    detail = api_client.get(f"/api/v1/pages/{landing_page.pk}/").json()
    for name in ("preview", "preview_created_at", "latest_revision_created_at"):
        del preview[name]
    assert preview == detail


def test_each_token_reads_its_own_previewed_state(landing_page, preview_in_frontend, api_client):
    first = preview_in_frontend(landing_page, faqs=draft_faqs(landing_page, "<p>First.</p>"))
    second = preview_in_frontend(landing_page, faqs=draft_faqs(landing_page, "<p>Second.</p>"))
    assert first != second
    assert get_preview(api_client, token=first).json()["faqs"][1]["answer"] == "<p>First.</p>"
    assert get_preview(api_client, token=second).json()["faqs"][1]["answer"] == "<p>Second.</p>"


def test_missing_or_empty_token_is_a_bad_request(api_client, landing_page):
    assert_error(get_preview(api_client), 400, "invalid_parameter", "token")
    assert_error(get_preview(api_client, token=""), 400, "invalid_parameter", "token")
    assert_error(get_preview(api_client, token="x" * 501), 400, "invalid_parameter", "token")


@pytest.mark.parametrize(
    "token",
    [
        "nope",
        "nope.nope.nope",
        "a.b",
        "%00",
        "\x00.\x00.\x00",
        "é" * 40,
        signing.dumps({"page": 1}),  # Django's default salt
        signing.TimestampSigner(salt="another.salt", sep=".").sign("key"),
        signing.TimestampSigner(salt=TOKEN_SALT).sign("key"),  # wrong separator
    ],
)
def test_malformed_or_foreign_tokens_are_refused(api_client, landing_page, token):
    assert_error(get_preview(api_client, token=token), 403, "invalid_token", "token")


def test_tampered_tokens_are_refused(api_client, landing_page, preview_in_frontend):
    token = preview_in_frontend(landing_page)
    key, timestamp, signature = token.split(".")
    other_key = PagePreview.objects.get(key=key).key[::-1]
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    for tampered in (
        f"{key}.{timestamp}.{flipped}",
        f"{other_key}.{timestamp}.{signature}",
        f"{key}.{timestamp[:-1]}0.{signature}",  # pretend it was issued at another time
        f"{key}.{timestamp}.",
        token.upper(),
        token + "x",
    ):
        assert_error(get_preview(api_client, token=tampered), 403, "invalid_token", "token")
    assert get_preview(api_client, token=token).status_code == 200


def test_expired_tokens_are_refused_when_used(start, api_client, landing_page, preview_in_frontend):
    with time_machine.travel(start, tick=False) as traveller:
        token = preview_in_frontend(landing_page)
        traveller.shift(dt.timedelta(seconds=3599))
        assert get_preview(api_client, token=token).status_code == 200
        traveller.shift(dt.timedelta(seconds=2))
        assert_error(get_preview(api_client, token=token), 403, "expired_token", "token")
    assert not PagePreview.objects.exists()  # pruned on use


def test_token_lifetime_follows_the_setting(
    start, api_client, landing_page, preview_in_frontend, badgecms_settings
):
    badgecms_settings(PREVIEW_TOKEN_MAX_AGE=60)
    with time_machine.travel(start, tick=False) as traveller:
        token = preview_in_frontend(landing_page)
        assert PagePreview.objects.get().expires_at == start + dt.timedelta(seconds=60)
        traveller.shift(dt.timedelta(seconds=61))
        assert_error(get_preview(api_client, token=token), 403, "expired_token", "token")


def test_lifetime_is_checked_at_use_even_if_the_row_survives(
    start, api_client, landing_page, preview_in_frontend, badgecms_settings
):
    with time_machine.travel(start, tick=False) as traveller:
        token = preview_in_frontend(landing_page)
        badgecms_settings(PREVIEW_TOKEN_MAX_AGE=10)  # shortened after the token was issued
        traveller.shift(dt.timedelta(seconds=11))
        assert_error(get_preview(api_client, token=token), 403, "expired_token", "token")


def test_token_for_page_a_cannot_read_page_b(
    api_client, landing_page, make_landing_page, preview_in_frontend
):
    page_b = make_landing_page(title="Page B", faqs=[("B question?", "<p>B answer.</p>")])
    token_a = preview_in_frontend(landing_page, title="Draft A")
    token_b = preview_in_frontend(page_b, title="Draft B")

    response = get_preview(api_client, token=token_a, id=page_b.pk)
    assert_error(response, 403, "token_mismatch", "id")
    assert b"Page B" not in response.content and b"B question" not in response.content
    assert get_preview(api_client, token=token_a, id=landing_page.pk).json()["title"] == "Draft A"
    assert get_preview(api_client, token=token_a).json()["id"] == landing_page.pk
    assert get_preview(api_client, token=token_b, id=page_b.pk).json()["title"] == "Draft B"


def test_bad_parameters_are_named(api_client, landing_page, preview_in_frontend):
    token = preview_in_frontend(landing_page)
    assert_error(get_preview(api_client, token=token, id="abc"), 400, "invalid_parameter", "id")
    assert_error(get_preview(api_client, token=token, id="-1"), 400, "invalid_parameter", "id")
    assert_error(get_preview(api_client, token=token, id="١"), 400, "invalid_parameter", "id")
    assert_error(
        get_preview(api_client, token=token, colour="red"), 400, "invalid_parameter", "colour"
    )


def test_preview_of_a_deleted_page_is_gone(api_client, landing_page, preview_in_frontend):
    token = preview_in_frontend(landing_page)
    landing_page.delete()
    assert_error(get_preview(api_client, token=token), 403, "expired_token", "token")


def test_preview_is_read_only(api_client, landing_page, preview_in_frontend):
    token = preview_in_frontend(landing_page)
    for method in (api_client.post, api_client.put, api_client.delete):
        response = method(f"{PREVIEW_URL}?token={token}")
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"
        assert response["Cache-Control"] == "no-store"


def test_prune_previews_deletes_only_expired_previews(start, landing_page, preview_in_frontend):
    from io import StringIO

    with time_machine.travel(start, tick=False) as traveller:
        preview_in_frontend(landing_page)
        traveller.shift(dt.timedelta(minutes=30))
        fresh = preview_in_frontend(landing_page)
        traveller.shift(dt.timedelta(minutes=31))
        out = StringIO()
        call_command("prune_previews", stdout=out)
    assert out.getvalue() == "Deleted 1 expired page preview.\n"
    assert list(PagePreview.objects.values_list("key", flat=True)) == [fresh.split(".")[0]]


def test_preview_query_count_does_not_grow_with_faq_items(
    api_client, landing_page, preview_in_frontend, django_assert_num_queries
):
    # 8: prune, preview row, the revision's references (locale, revisions, content type)
    # checked as Wagtail does for revisions, and the page URL's site lookup.
    for count in (1, 40):
        items = [
            faq(f"Question {n}?", f'<p>See <a href="https://www.example.org/{n}">this</a>.</p>')
            for n in range(count)
        ]
        token = preview_in_frontend(landing_page, faqs=items)
        with django_assert_num_queries(8):
            body = get_preview(api_client, token=token).json()
        assert len(body["faqs"]) == count
