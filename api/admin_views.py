"""Admin views behind the page editor's "Preview in frontend" action.

How it works: docs/architecture.md, section ``badgecms.api.admin_views``.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.views.pages.preview import PreviewOnCreateView, PreviewOnEditView

from badgecms.api.live_preview import (
    frontend_preview_url_for,
    no_referrer,
    origin,
    url_with_token,
)
from badgecms.api.preview_tokens import issue_preview_token, read_preview_token
from badgecms.api.preview_views import preview_body
from badgecms.home.models import BadgeLandingPage


class FrontendPreviewMixin:
    """POST: validate the submitted editor form, then issue a token and redirect. GET
    (the live "Frontend" preview mode, see :mod:`badgecms.api.live_preview`): the same
    for the form state Wagtail's preview panel last posted, answered as JSON.

    Responses of POST other than the redirect: 403 (no permission to edit the page or add it
    under its parent; a plain 403 rather than the admin's redirect to the dashboard, as
    no token may be issued), 400 (the form does not validate), 409 (no frontend preview
    URL is configured), each an admin page saying why.
    """

    http_method_names = ("get", "post")
    permission_denied = False

    def setup(self, request, *args, **kwargs):
        try:
            super().setup(request, *args, **kwargs)
        except PermissionDenied:
            self.permission_denied = True
            self.object = None

    def dispatch(self, request, *args, **kwargs):
        if self.permission_denied:
            return self.error_response(status=403, reason="permission")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not isinstance(self.object, BadgeLandingPage) or not self.validate_form(form):
            return self.error_response(status=400, reason="invalid")
        page = form.save(commit=False)
        frontend_url = frontend_preview_url_for(page, form.parent_page, request)
        if not frontend_url:
            return self.error_response(status=409, reason="missing_url")
        token = issue_preview_token(page, request.user)
        return no_referrer(redirect(url_with_token(frontend_url, token)))

    def get(self, request, *args, **kwargs):
        """``{"token": "<preview token>", "origin": "<frontend origin>", "preview": {…}}``
        for the editor form state stored by Wagtail's preview panel (its last valid POST);
        ``preview`` is what ``GET /api/v1/preview/?token=<token>`` answers, so the framed
        frontend can render it without another request. Errors, as
        ``{"error": {"code", "message", "field": null}}``: 400 ``invalid_form`` (no valid
        state), 409 ``missing_frontend_preview_url``; 403 as for POST (HTML)."""
        form = self.get_form(self._get_form_data(self._get_form_state()))
        if not isinstance(self.object, BadgeLandingPage) or not self.validate_form(form):
            return _json_error(400, "invalid_form", "The editor form has validation errors.")
        page = form.save(commit=False)
        frontend_url = frontend_preview_url_for(page, form.parent_page, request)
        if not frontend_url:
            return _json_error(
                409, "missing_frontend_preview_url", "No frontend preview URL is set."
            )
        token = issue_preview_token(page, request.user)
        body = {
            "token": token,
            "origin": origin(frontend_url),
            "preview": preview_body(page, request, read_preview_token(token).created_at),
        }
        return no_referrer(JsonResponse(body))

    def error_response(self, status=400, reason="invalid"):
        return TemplateResponse(
            self.request,
            "badgecms_api/frontend_preview_error.html",
            {"object": self.object, "reason": reason},
            status=status,
        )


def _json_error(status, code, message):
    body = {"error": {"code": code, "message": message, "field": None}}
    return no_referrer(JsonResponse(body, status=status))


class FrontendPreviewOnEditView(FrontendPreviewMixin, PreviewOnEditView):
    """``POST /admin/frontend-preview/<page_id>/``: preview the edit form's state."""


class FrontendPreviewOnCreateView(FrontendPreviewMixin, PreviewOnCreateView):
    """``POST /admin/frontend-preview/add/<app>/<model>/<parent_page_id>/``: preview a
    page that is being created and has never been saved. 404 for any model other than
    a landing page (Wagtail's view would fail on a model that is not a page)."""

    def setup(self, request, *args, **kwargs):
        model = (kwargs.get("content_type_app_name"), kwargs.get("content_type_model_name"))
        if model != (BadgeLandingPage._meta.app_label, BadgeLandingPage._meta.model_name):
            raise Http404("Only badge landing pages have a frontend preview.")
        super().setup(request, *args, **kwargs)
