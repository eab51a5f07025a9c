"""Wagtail hooks of ``home``: page serving rules shared with the content API, and admin
integration: the "Import landing page" view (menu item, page actions, URL), the dashboard
panels, warnings shown after a landing page is saved, and page creation and edits in
one transaction."""

from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from badgecms.home.badges.admin import BadgeViewSet
from badgecms.home.editors.dashboard import LandingPagesPanel, PlaceholderLinksPanel
from badgecms.home.editors.permissions import can_import_landing_pages
from badgecms.home.editors.transactions import (
    create_page_in_one_transaction,
    edit_page_in_one_transaction,
)
from badgecms.home.editors.warnings import page_warnings
from badgecms.home.importing.views import ImportLandingPageView, import_url
from badgecms.home.models import BadgeLandingPage
from badgecms.home.visibility import is_expired

IMPORT_LABEL = "Import from document"

register_snippet(BadgeViewSet)
hooks.register("before_create_page", create_page_in_one_transaction)
hooks.register("before_edit_page", edit_page_in_one_transaction)


class ImportMenuItem(MenuItem):
    """Shown to users who may create or edit a landing page."""

    def is_shown(self, request):
        return can_import_landing_pages(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "landing-pages/import/",
            ImportLandingPageView.as_view(),
            name="home_import_landing_page",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import landing page",
        import_url(),
        name="import-landing-page",
        icon_name="upload",
        order=150,
    )


def _import_button(page, user, priority):
    if page.specific_class is BadgeLandingPage and page.permissions_for_user(user).can_edit():
        yield Button(IMPORT_LABEL, import_url(page), icon_name="upload", priority=priority)


@hooks.register("register_page_listing_more_buttons")
def page_listing_import_button(page, user, next_url=None):
    yield from _import_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def page_header_import_button(page, user, view_name, next_url=None):
    yield from _import_button(page, user, priority=62)


@hooks.register("construct_homepage_panels")
def add_landing_page_panels(request, panels):
    panels.append(PlaceholderLinksPanel(request))
    panels.append(LandingPagesPanel(request))


def _warn_after_save(request, page):
    if isinstance(page, BadgeLandingPage):
        for warning in page_warnings(page):
            messages.warning(request, warning)


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_after_save(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_after_save(request, page)


@hooks.register("before_serve_page")
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """Serve 404 for a page whose ``expire_at`` has passed, even while it is still live
    (Wagtail unpublishes expired pages only when ``publish_scheduled`` runs), so the
    HTML site hides exactly what the content API hides."""
    if is_expired(page):
        raise Http404
