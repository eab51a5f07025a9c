"""The badge snippet's admin screens (Wagtail ``SnippetViewSet``): listing, search,
filters, revisions, publishing and preview, plus the "Sync from Credly" action; registered
in ``home/wagtail_hooks.py``."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from badgecms.home.badges.models import Badge
from badgecms.home.badges.sync import CredlyError, sync_badge_templates
from badgecms.home.conf import home_settings

SYNC_URL_NAME = "wagtailsnippets_badgecms_home_badge:sync_credly"


def can_sync(user):
    """True for a user who may add and change badges (what a sync does)."""
    return user.has_perms(["badgecms_home.add_badge", "badgecms_home.change_badge"])


class BadgeIndexView(IndexView):
    """The badge listing, with a "Sync from Credly" header button for users who may sync."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if can_sync(self.request.user):
            buttons.append(
                HeaderButton("Sync from Credly", url=reverse(SYNC_URL_NAME), icon_name="resubmit")
            )
        return buttons


class SyncFromCredlyView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what a sync will do, with a confirm button; POST: sync the organisation of
    ``CREDLY_ORGANIZATION_ID`` (:func:`~badgecms.home.badges.sync.sync_badge_templates`),
    then back to the listing with the result or Credly's error as a message. The token
    stays on the server."""

    template_name = "badgecms_home/badges/sync_credly.html"
    page_title = "Sync badges from Credly"
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not can_sync(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "organization": home_settings.CREDLY_ORGANIZATION_ID,
            "has_token": bool(home_settings.CREDLY_API_TOKEN),
            "index_url": reverse("wagtailsnippets_badgecms_home_badge:list"),
        }

    def post(self, request):
        organization = home_settings.CREDLY_ORGANIZATION_ID
        if not organization:
            messages.error(request, "Set CREDLY_ORGANIZATION_ID to sync badges from Credly.")
            return redirect(SYNC_URL_NAME)
        try:
            report = sync_badge_templates(organization)
        except CredlyError as error:
            messages.error(request, str(error))
            return redirect(SYNC_URL_NAME)
        messages.success(request, f"Synced from Credly: {report}")
        return redirect("wagtailsnippets_badgecms_home_badge:list")


class BadgeViewSet(SnippetViewSet):
    """Badges under "Snippets" and in their own menu item ("Badges")."""

    model = Badge
    icon = "pick"
    menu_label = "Badges"
    menu_name = "badges"
    menu_order = 140
    add_to_admin_menu = True
    index_view_class = BadgeIndexView
    list_display = ["name", "level", "badge_type", "credly_template_id", "live"]
    list_filter = ["live", "level"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("sync-credly/", SyncFromCredlyView.as_view(), name="sync_credly"),
        ]
