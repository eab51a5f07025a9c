"""Content-Security-Policy of the Wagtail page editor: which frames it may show.

How it works: docs/architecture.md, section ``badgecms.api.middleware``.
"""

from wagtail.models import Page

from badgecms.api.live_preview import frontend_preview_url_for, origin

#: Wagtail's URL names of the page editor (namespace ``wagtailadmin_pages``).
EDITOR_VIEWS = {"wagtailadmin_pages:edit", "wagtailadmin_pages:add"}


def editor_frame_sources(request) -> list[str] | None:
    """``["'self'", <frontend origin>]`` for a request to the page editor (the origin
    only when one is configured), ``None`` for any other request or an unknown page."""
    match = request.resolver_match
    if match is None or match.view_name not in EDITOR_VIEWS:
        return None
    if "page_id" in match.kwargs:
        page, parent = Page.objects.filter(id=match.kwargs["page_id"]).first(), None
    else:
        page, parent = Page(), Page.objects.filter(id=match.kwargs.get("parent_page_id")).first()
    if page is None or (page.pk is None and parent is None):
        return None
    frontend_origin = origin(frontend_preview_url_for(page, parent, request))
    return ["'self'", frontend_origin] if frontend_origin else ["'self'"]


class EditorFrameSourceMiddleware:
    """Adds ``Content-Security-Policy: frame-src 'self' <frontend origin>`` to the page
    editor's responses that carry no policy yet (Wagtail's edit and create views)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            sources = editor_frame_sources(request)
            if sources:
                response["Content-Security-Policy"] = "frame-src " + " ".join(sources)
        return response
