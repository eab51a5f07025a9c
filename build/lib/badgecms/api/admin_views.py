"""Admin views behind the page editor's "Preview in frontend" action.

The action submits the editor's form (saved or not) to one of these views, which build
the page from the form exactly as Wagtail's own preview does (Wagtail's
``PreviewOnEditView``/``PreviewOnCreateView``, whose permission checks they inherit:
edit permission on the page, or add permission under the parent for a new page; 403
otherwise), store it as a :class:`~badgecms.api.models.PagePreview` and redirect the browser to
``<frontend preview URL>?token=<preview token>``.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.views.pages.preview import PreviewOnCreateView, PreviewOnEditView
from wagtail.models import Site

from badgecms.api.models import FrontendPreviewSettings, default_frontend_preview_url
from badgecms.api.preview_tokens import TOKEN_PARAMETER, issue_preview_token
from badgecms.home.models import BadgeLandingPage


def url_with_token(frontend_preview_url: str, token: str) -> str:
    """Return ``frontend_preview_url`` with ``token=<token>`` added to its query (any
    existing ``token`` parameter is replaced; other parameters and the fragment kept)."""
    parts = urlsplit(frontend_preview_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "token"]
    query.append((TOKEN_PARAMETER, token))
    return urlunsplit(parts._replace(query=urlencode(query)))


def frontend_preview_url_for(page, parent_page, request) -> str:
    """Return the frontend preview URL of the site ``page`` belongs to (for a new page:
    its parent's site; for a page outside any site: the site of ``request``), falling
    back to ``settings.FRONTEND_PREVIEW_URL``; ``""`` when neither is set."""
    site = (page.get_site() if page.pk else None) or parent_page.get_site()
    site = site or Site.find_for_request(request)
    if site is None:
        return default_frontend_preview_url()
    return FrontendPreviewSettings.for_site(site).get_frontend_preview_url()


class FrontendPreviewMixin:
    """POST only: validate the submitted editor form, then issue a token and redirect.

    Responses other than the redirect: 403 (no permission to edit the page or add it
    under its parent; a plain 403 rather than the admin's redirect to the dashboard, as
    no token may be issued), 400 (the form does not validate), 409 (no frontend preview
    URL is configured), each an admin page saying why.
    """

    http_method_names = ("post",)
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
        return redirect(url_with_token(frontend_url, token))

    def error_response(self, status=400, reason="invalid"):
        return TemplateResponse(
            self.request,
            "badgecms_api/frontend_preview_error.html",
            {"object": self.object, "reason": reason},
            status=status,
        )


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
