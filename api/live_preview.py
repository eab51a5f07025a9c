"""Live preview of a draft in the site's frontend, inside the page editor's preview panel.

How it works: docs/architecture.md, section ``badgecms.api.live_preview``.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import Site

from badgecms.api.models import FrontendPreviewSettings, default_frontend_preview_url
from badgecms.api.preview_tokens import TOKEN_PARAMETER, issue_preview_token

#: ``type`` of the message the admin posts to the framed frontend: ``{"type":
#: MESSAGE_TYPE, "token": "<preview token>"}``.
MESSAGE_TYPE = "badgecms:preview"
#: Name of the preview mode (the ``mode`` query value of Wagtail's preview URL).
MODE_NAME = "frontend"


def origin(url: str) -> str:
    """Return the origin (RFC 6454) of an absolute ``url``, ``"scheme://host[:port]"``,
    or ``""`` when ``url`` is not an absolute http(s) URL."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def configured_frontend_origins() -> list[str]:
    """The origins of every configured frontend preview URL (each site's setting and the
    ``FRONTEND_PREVIEW_URL`` default), sorted; what the admin may frame."""
    urls = {default_frontend_preview_url()}
    urls.update(FrontendPreviewSettings.objects.values_list("frontend_preview_url", flat=True))
    return sorted({origin(url) for url in urls} - {""})


def frontend_preview_url_for(page, parent_page, request) -> str:
    """Return the frontend preview URL of the site ``page`` belongs to (for a new page:
    its parent's site, when known; else the site of ``request``), falling back to
    ``FRONTEND_PREVIEW_URL``; ``""`` when neither is set."""
    site = page.get_site() if page.pk else None
    site = site or (parent_page.get_site() if parent_page is not None else None)
    site = site or Site.find_for_request(request)
    if site is None:
        return default_frontend_preview_url()
    return FrontendPreviewSettings.for_site(site).get_frontend_preview_url()


def url_with_token(frontend_preview_url: str, token: str) -> str:
    """Return ``frontend_preview_url`` with ``token=<token>`` added to its query (any
    existing ``token`` parameter is replaced; other parameters and the fragment kept)."""
    parts = urlsplit(frontend_preview_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "token"]
    query.append((TOKEN_PARAMETER, token))
    return urlunsplit(parts._replace(query=urlencode(query)))


def no_referrer(response: HttpResponse) -> HttpResponse:
    """Mark ``response`` (which carries a token) ``Referrer-Policy: no-referrer`` and
    ``Cache-Control: no-store``, and return it."""
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def serve_frontend_preview(page, request):
    """Preview mode "Frontend": redirect the preview panel's frame to the frontend preview
    URL with a new preview token for the in-memory ``page`` (unsaved edits included).

    ``request`` is Wagtail's preview request (its user is the editor, whose edit
    permission Wagtail's preview view has checked). Without a frontend preview URL the
    panel shows why (status 409).
    """
    frontend_url = frontend_preview_url_for(page, None, request)
    if not frontend_url:
        return TemplateResponse(
            request,
            "badgecms_api/frontend_preview_error.html",
            {"object": page, "reason": "missing_url"},
            status=409,
        )
    token = issue_preview_token(page, request.user)
    return no_referrer(redirect(url_with_token(frontend_url, token)))
