"""Dashboard panels of the Wagtail admin home: the landing pages with their status and
addresses, and the certification links that still point at a placeholder organisation.

Both panels read one list of rows built with a fixed number of queries, whatever the
number of pages (see :func:`landing_page_rows`).
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from badgecms.home.editors.permissions import editable_landing_pages_for
from badgecms.home.editors.warnings import placeholder_link_warnings
from badgecms.home.models import BadgeLandingPage
from badgecms.home.visibility import is_expired


def page_statuses(page, now=None):
    """Return the status labels of ``page``, in this order when they apply: ``live`` or
    ``draft`` or ``expired``, ``draft changes``, ``scheduled``, ``expires <date>``,
    ``in review``.

    ``page`` comes from :func:`landing_page_rows`' queryset (workflow states prefetched,
    approved schedule annotated: no further queries).
    """
    now = now or timezone.now()
    if page.live:
        statuses = ["live"]
        if page.has_unpublished_changes:
            statuses.append("draft changes")
    else:
        statuses = ["expired" if page.expired else "draft"]
    if page.approved_schedule:
        statuses.append("scheduled")
    if page.live and page.expire_at and not is_expired(page, now):
        statuses.append(f"expires {page.expire_at:%Y-%m-%d %H:%M} UTC")
    if page.workflow_in_progress:
        statuses.append("in review")
    return statuses


def landing_page_rows(request):
    """Return one dict per landing page the user may edit, in tree order:
    ``{"page", "statuses", "faq_count", "public_url", "api_url", "warnings"}``.

    ``public_url`` is None for a page that is not live; ``api_url`` is the absolute URL
    of ``/api/v1/pages/<id>/``. Memoised on the request.
    """
    if hasattr(request, "_landing_page_rows"):
        return request._landing_page_rows
    pages = (
        BadgeLandingPage.objects.filter(
            pk__in=editable_landing_pages_for(request.user).values("pk")
        )
        .order_by("path")
        .prefetch_related(
            "certification_links",
            # Wagtail's prefetch_workflow_states() matches the base Page content type,
            # which a BadgeLandingPage queryset does not have; workflow states also
            # record the specific content type, so prefetch through that relation.
            Prefetch(
                "_specific_workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
                to_attr="_current_workflow_states",
            ),
        )
        .annotate_approved_schedule()
    )
    rows = []
    now = timezone.now()
    for page in pages:
        rows.append(
            {
                "page": page,
                "statuses": page_statuses(page, now),
                "faq_count": len(page.faq_sources()),
                "public_url": page.get_full_url(request) if page.live else None,
                "api_url": request.build_absolute_uri(
                    reverse("badgecms_api:page-detail", args=[page.id])
                ),
                "warnings": placeholder_link_warnings(page.certification_links.all()),
            }
        )
    request._landing_page_rows = rows
    return rows


class LandingPagesPanel(Component):
    """Dashboard panel: every landing page the user may edit, its status, FAQ count,
    public URL and API URL."""

    name = "landing_pages"
    order = 226  # after Wagtail's review panels (210, 220), before recent edits (250)
    template_name = "badgecms_home/admin/landing_pages_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"rows": landing_page_rows(self.request), "request": self.request}


class PlaceholderLinksPanel(Component):
    """Dashboard warning panel, shown only when a certification link of a landing page
    points at an example or placeholder organisation."""

    name = "placeholder_links"
    order = 225
    template_name = "badgecms_home/admin/placeholder_links_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        rows = [row for row in landing_page_rows(self.request) if row["warnings"]]
        return {"rows": rows, "request": self.request}
