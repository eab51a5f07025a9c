"""Admin panels of the landing page editor: a summary with warnings at the top of the
content tab, and the publishing schedule with help texts for its date fields."""

from wagtail.admin.panels import Panel, PublishingPanel

from badgecms.home.editors.warnings import page_warnings

#: Help texts of Wagtail's scheduling fields, which have none of their own.
SCHEDULE_HELP = {
    "go_live_at": "When the page goes live, in UTC. Leave empty to go live when published. "
    "A page scheduled this way goes live within a minute of the time (see docs/editors.md).",
    "expire_at": "When the page is taken off the site and out of the API, in UTC. Leave "
    "empty to keep it live.",
}


class PageSummaryPanel(Panel):
    """What the page holds ("13 FAQ items, 1 certification link") and the warnings of
    :func:`badgecms.home.editors.warnings.page_warnings` for the revision being edited."""

    @property
    def clean_name(self):
        return super().clean_name or "page_summary"

    class BoundPanel(Panel.BoundPanel):
        template_name = "badgecms_home/admin/page_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            faq_count = len(page.faq_sources())
            link_count = len(page.certification_links.all())
            context["faq_count"] = faq_count
            context["link_count"] = link_count
            context["warnings"] = page_warnings(page)
            return context


class SchedulePanel(PublishingPanel):
    """Wagtail's publishing schedule (``go_live_at``, ``expire_at``) with help texts."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            child.help_text = child.help_text or SCHEDULE_HELP.get(child.field_name, "")
