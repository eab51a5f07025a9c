"""The badge snippet's admin screens (Wagtail ``SnippetViewSet``): listing, search,
filters, revisions, publishing and preview, registered in ``home/wagtail_hooks.py``."""

from wagtail.snippets.views.snippets import SnippetViewSet

from badgecms.home.badges.models import Badge


class BadgeViewSet(SnippetViewSet):
    """Badges under "Snippets" and in their own menu item ("Badges")."""

    model = Badge
    icon = "pick"
    menu_label = "Badges"
    menu_name = "badges"
    menu_order = 140
    add_to_admin_menu = True
    list_display = ["name", "level", "badge_type", "credly_template_id", "live"]
    list_filter = ["live", "level"]
    search_fields = ["name"]
