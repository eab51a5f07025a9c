"""Admin integration of the content API: the "API JSON" and "Frontend" (live) preview
modes of landing pages, the editor script of the live preview and the page editor's
"Preview in frontend" action (with its admin URLs).

The frontend preview URL is a site setting (``badgecms.api.models.FrontendPreviewSettings``,
Settings › Frontend preview), registered with Wagtail by ``@register_setting``.
"""

from django.apps import apps
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from badgecms.api.admin_views import FrontendPreviewOnCreateView, FrontendPreviewOnEditView
from badgecms.api.live_preview import MODE_NAME, serve_frontend_preview
from badgecms.api.preview_views import serve_api_json_preview
from badgecms.api.review_link_admin import review_link_viewset
from badgecms.api.webhooks import wagtail_hooks as webhooks_hooks  # noqa: F401 (registers)
from badgecms.home.models import BadgeLandingPage
from badgecms.home.preview import PREVIEW_MODE_HOOK, PreviewMode


@hooks.register(PREVIEW_MODE_HOOK)
def register_api_json_preview_mode():
    """Landing pages get the preview mode ``api`` ("API JSON")."""
    return PreviewMode(name="api", label="API JSON", serve=serve_api_json_preview)


@hooks.register(PREVIEW_MODE_HOOK)
def register_frontend_preview_mode():
    """Landing pages get the preview mode ``frontend`` ("Frontend"): the site's frontend,
    framed, following the editor's changes (see :mod:`badgecms.api.live_preview`)."""
    return PreviewMode(name=MODE_NAME, label="Frontend", serve=serve_frontend_preview)


@hooks.register("insert_editor_js")
def live_preview_js():
    """The editor script that hands each refresh of the "Frontend" mode to the framed
    frontend as a message instead of reloading it."""
    return format_html(
        '<script src="{}" defer></script>', static("badgecms_api/js/live-preview.js")
    )


frontend_preview_urls = [
    path("<int:page_id>/", FrontendPreviewOnEditView.as_view(), name="edit"),
    path(
        "add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        FrontendPreviewOnCreateView.as_view(),
        name="add",
    ),
]


@hooks.register("register_admin_urls")
def register_frontend_preview_urls():
    return [path("frontend-preview/", include((frontend_preview_urls, "frontend_preview")))]


def _created_model(request):
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    try:
        return apps.get_model(kwargs["content_type_app_name"], kwargs["content_type_model_name"])
    except (KeyError, LookupError):
        return None


class FrontendPreviewMenuItem(ActionMenuItem):
    """ "Preview in frontend" in the editor's action menu of landing pages: submits the
    form (unsaved changes included) and opens the frontend's preview in a new tab."""

    label = "Preview in frontend"
    name = "action-frontend-preview"
    icon_name = "view"
    template_name = "badgecms_api/action_menu/frontend_preview.html"

    def is_shown(self, context):
        if context["view"] == "create":
            model = _created_model(context["request"])
            return model is not None and issubclass(model, BadgeLandingPage)
        if context["view"] != "edit" or context["locked_for_user"]:
            return False
        page = context["page"]
        return (
            isinstance(page, BadgeLandingPage)
            and self.get_user_page_permissions_tester(context).can_edit()
        )

    def get_url(self, parent_context):
        if parent_context["view"] == "create":
            kwargs = parent_context["request"].resolver_match.kwargs
            return reverse(
                "frontend_preview:add",
                args=[
                    kwargs["content_type_app_name"],
                    kwargs["content_type_model_name"],
                    parent_context["parent_page"].pk,
                ],
            )
        return reverse("frontend_preview:edit", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_frontend_preview_menu_item():
    return FrontendPreviewMenuItem(order=30)


@hooks.register("register_admin_viewset")
def register_review_links():
    """Admin menu "Review links": shareable links to drafts (see api/review_links.py)."""
    return review_link_viewset
