"""Shareable review links: a link to the latest draft of a page for a reviewer without an
account, expiring, revocable, listed in the admin (Review links) and recorded on every
use (:class:`~badgecms.api.models.ReviewLinkUse`).

How it works: docs/architecture.md, section ``badgecms.api.review_links``.
"""

import secrets

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from rest_framework.views import APIView

from badgecms.api.framework import ContentAPIConfigMixin
from badgecms.api.live_preview import frontend_preview_url_for, url_with_token
from badgecms.api.models import ReviewLink, ReviewLinkUse
from badgecms.api.preview_tokens import issue_preview_token

#: Values of the ``view`` query parameter: the HTML page (default) or the frontend.
VIEWS = ("html", "frontend")
#: URL name of :class:`ReviewLinkView` (in the API's URLs, ``badgecms.api.urls``).
URL_NAME = "badgecms_api:review-link"


def new_review_link_key() -> str:
    """A new random key (43 URL-safe characters) for a :class:`ReviewLink`."""
    return secrets.token_urlsafe(32)


def review_link_path(link: ReviewLink) -> str:
    """The path of ``link``, e.g. ``/api/v1/review/<key>/``."""
    return reverse(URL_NAME, args=[link.key])


def _private(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


class ReviewLinkView(ContentAPIConfigMixin, APIView):
    """``GET …/review/<key>/[?view=html|frontend]``: the latest draft of the link's page.

    200 with the HTML page (``view=html``, default), or 302 to the frontend preview URL
    with a new preview token (``view=frontend``). Errors of a link, as a short HTML page
    for the person who opened it: 400 for another ``view``, 404 for an unknown key, 410
    for an expired or revoked link, 409 when ``view=frontend`` but the site has no
    frontend preview URL. Every answer is ``no-store``, ``noindex`` and
    ``Referrer-Policy: no-referrer``; every use of a known link is recorded, refusals
    included. Any other method is a 405 in the API's JSON error shape (no CSRF check: the
    view changes nothing a request can choose), and clients are throttled per IP address
    like the rest of the API.
    """

    http_method_names = ("get", "head")
    schema = None

    def get(self, request, key):
        request = request._request  # Wagtail's preview and templates take Django's request
        view = request.GET.get("view", "html")
        if view not in VIEWS:
            return self.error("bad_view", 400)
        link = ReviewLink.objects.select_related("page").filter(key=key[:64]).first()
        if link is None:
            return self.error("missing", 404)
        if not link.is_usable(timezone.now()):
            reason = "revoked" if link.revoked else "expired"
            ReviewLinkUse.objects.create(link=link, view=view, refused=reason)
            return self.error(reason, 410)
        page = link.page.specific.get_latest_revision_as_object()
        ReviewLinkUse.objects.create(link=link, view=view, revision_id=page.latest_revision_id)
        if view == "frontend":
            frontend_url = frontend_preview_url_for(page, None, request)
            if not frontend_url:
                return self.error("missing_frontend", 409)
            token = issue_preview_token(page, None)
            return _private(redirect(url_with_token(frontend_url, token)))
        response = page.serve_preview(request, "")
        if hasattr(response, "render"):
            response = response.render()
        return _private(response)

    def error(self, reason, status):
        return _private(
            TemplateResponse(
                self.request._request,
                "badgecms_api/review_link_error.html",
                {"reason": reason},
                status=status,
            )
        )
