"""Shareable review links (issue 15): an editor creates a link to the latest draft of a
page in the admin (Review links); a reviewer without an account opens it as the HTML page
or in the frontend; it expires, can be revoked, shows nothing once the page is deleted,
and every use is recorded."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from badgecms.api.models import FrontendPreviewSettings, PagePreview, ReviewLink, ReviewLinkUse

pytestmark = pytest.mark.django_db

DRAFT_ANSWER = "<p>Draft answer, not published.</p>"


@pytest.fixture
def sharer(moderator):
    """The preview tests' moderator with the review link permissions."""
    moderator.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_reviewlink", "change_reviewlink", "view_reviewlink"]
        )
    )
    return moderator


@pytest.fixture
def draft_page(landing_page):
    """The landing page with a saved, unpublished draft changing the first answer."""
    draft = landing_page.get_latest_revision_as_object()
    draft.faqs[0].value["answer"] = type(draft.faqs[0].value["answer"])(DRAFT_ANSWER)
    draft.save_revision()
    return landing_page


def create_link(client, page, **fields):
    """Create a link through the admin form; return it (from the database)."""
    expires_at = fields.pop("expires_at", timezone.now() + timezone.timedelta(days=2))
    response = client.post(
        "/admin/review_links/new/",
        {
            "page": page.pk,
            "note": fields.pop("note", "Legal review"),
            "expires_at": expires_at.strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return ReviewLink.objects.get()


def test_editor_creates_a_link_that_shows_the_latest_draft_to_anyone(draft_page, sharer):
    client = Client()
    client.force_login(sharer)
    form = client.get("/admin/review_links/new/").text
    assert "/static/wagtailadmin/js/page-chooser.js" in form  # Wagtail's page chooser
    assert "Review links" in client.get("/admin/").text  # in the admin menu
    link = create_link(client, draft_page)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", link.key)
    assert (link.page_id, link.created_by, link.note) == (draft_page.pk, sharer, "Legal review")
    listing = client.get("/admin/review_links/").text
    assert f"/api/v1/review/{link.key}/" in listing  # listed, with its address and status
    assert "Legal review" in listing
    assert "active" in listing

    reviewer = Client()  # no account
    response = reviewer.get(f"/api/v1/review/{link.key}/")
    assert response.status_code == 200
    assert DRAFT_ANSWER in response.text
    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"
    # The public page still shows the published answer.
    assert DRAFT_ANSWER not in reviewer.get(draft_page.url).text

    use = ReviewLinkUse.objects.get()
    assert (use.link, use.view, use.refused) == (link, "html", "")
    assert use.revision_id == draft_page.get_latest_revision().pk


def test_link_opens_the_draft_in_the_frontend(draft_page, sharer, site):
    setting = FrontendPreviewSettings.for_site(site)
    setting.frontend_preview_url = "https://frontend.example/preview"
    setting.save()
    client = Client()
    client.force_login(sharer)
    link = create_link(client, draft_page)
    response = Client().get(f"/api/v1/review/{link.key}/", {"view": "frontend"})
    assert response.status_code == 302
    location, token = response["Location"].split("?token=")
    assert location == "https://frontend.example/preview"
    assert response["Referrer-Policy"] == "no-referrer"
    draft = Client().get("/api/v1/preview/", {"token": token}).json()
    assert draft["faqs"][0]["answer"] == DRAFT_ANSWER
    assert PagePreview.objects.get().created_by is None
    assert ReviewLinkUse.objects.get().view == "frontend"


def test_expired_and_revoked_links_show_nothing_and_record_the_refusal(draft_page, sharer):
    client = Client()
    client.force_login(sharer)
    link = create_link(client, draft_page)
    ReviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    expired = Client().get(f"/api/v1/review/{link.key}/")
    assert expired.status_code == 410
    assert "This review link has expired." in expired.text
    assert "answer" not in expired.text.lower()

    ReviewLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() + timezone.timedelta(days=1)
    )
    edit = client.post(
        f"/admin/review_links/edit/{link.pk}/",
        {
            "page": draft_page.pk,
            "note": "Legal review",
            "expires_at": (timezone.now() + timezone.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            "revoked": "on",
        },
    )
    assert edit.status_code == 302
    revoked = Client().get(f"/api/v1/review/{link.key}/", {"view": "frontend"})
    assert revoked.status_code == 410
    assert "revoked" in revoked.text
    assert not PagePreview.objects.exists()
    assert list(ReviewLinkUse.objects.values_list("refused", flat=True)) == ["revoked", "expired"]


def test_a_link_shows_nothing_after_its_page_is_deleted(draft_page, sharer):
    client = Client()
    client.force_login(sharer)
    link = create_link(client, draft_page)
    assert Client().get(f"/api/v1/review/{link.key}/").status_code == 200
    draft_page.delete()
    gone = Client().get(f"/api/v1/review/{link.key}/")
    assert gone.status_code == 404
    assert "does not exist, or its page was deleted" in gone.text
    assert DRAFT_ANSWER not in gone.text
    assert not ReviewLink.objects.exists()


def test_unknown_keys_and_views_are_refused(draft_page, sharer):
    assert Client().get("/api/v1/review/not-a-real-key/").status_code == 404
    client = Client()
    client.force_login(sharer)
    link = create_link(client, draft_page)
    assert Client().get(f"/api/v1/review/{link.key}/", {"view": "json"}).status_code == 400
    assert not ReviewLinkUse.objects.exists()


def test_editors_cannot_share_pages_they_may_not_edit(landing_page, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["add_reviewlink", "view_reviewlink"]),
    )
    client = Client()
    client.force_login(outsider)
    response = client.post(
        "/admin/review_links/new/",
        {
            "page": landing_page.pk,
            "note": "",
            "expires_at": (timezone.now() + timezone.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 200
    assert "You may not edit “Badges”, so you cannot share it." in response.text
    assert not ReviewLink.objects.exists()
