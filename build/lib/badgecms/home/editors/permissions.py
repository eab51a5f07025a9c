"""Who may do what with landing pages, in terms of Wagtail's page permissions
(``GroupPagePermission``; superusers may do everything)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from badgecms.home.models import BadgeLandingPage

page_permission_policy = PagePermissionPolicy()


def landing_page_parents_for(user):
    """Return the pages (``Page`` queryset, tree order) under which ``user`` may create a
    landing page: ``add`` permission there, and a page type that accepts landing pages."""
    parent_types = ContentType.objects.get_for_models(Page, BadgeLandingPage).values()
    return (
        page_permission_policy.instances_user_has_permission_for(user, "add")
        .filter(content_type__in=list(parent_types))
        .order_by("path")
    )


def editable_landing_pages_for(user):
    """Return the landing pages (``Page`` queryset, tree order) ``user`` may edit."""
    return (
        page_permission_policy.instances_user_has_any_permission_for(user, {"change"})
        .type(BadgeLandingPage)
        .order_by("path")
    )


def can_import_landing_pages(user):
    """Whether ``user`` may create or edit at least one landing page."""
    return landing_page_parents_for(user).exists() or editable_landing_pages_for(user).exists()
