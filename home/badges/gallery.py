"""The badges a landing page shows: its chosen badges that are live, in the editors'
order with their group headings. The HTML page and the API both read them from here."""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from badgecms.home.badges.models import Badge
from badgecms.home.richtext import render_rich_text_many


def attach_shown_badges(pages):
    """Set ``page.badges_shown`` on each of ``pages``: a list of ``(group_heading,
    badge)`` of the page's chosen badges that are live, in the page's order (an in-memory
    preview page keeps its unsaved choice). Pages already done are skipped; one query
    loads the badges of all the others (badge art joined)."""
    # A list, not a dict: an unsaved preview page has no primary key and cannot be hashed.
    placements = [
        (page, list(page.badges.all())) for page in pages if not hasattr(page, "badges_shown")
    ]
    ids = {item.badge_id for _, items in placements for item in items}
    badges = {}
    if ids:
        badges = {
            badge.pk: badge
            for badge in Badge.objects.filter(pk__in=ids, live=True).select_related("image")
        }
    for page, items in placements:
        page.badges_shown = [
            (item.group_heading, badges[item.badge_id]) for item in items if item.badge_id in badges
        ]


def render_descriptions(badges, base_url=""):
    """Set ``badge.description_html`` (front-end HTML, see
    :func:`badgecms.home.richtext.render_rich_text_many`) on each of ``badges`` that lacks
    it, rendering them all in one batch; ``base_url`` makes image and document URLs
    absolute."""
    pending = list(
        {id(badge): badge for badge in badges if not hasattr(badge, "description_html")}.values()
    )
    if not pending:
        return
    for badge, html in zip(
        pending,
        render_rich_text_many([badge.description for badge in pending], base_url),
        strict=True,
    ):
        badge.description_html = html


def prefetch_badge_art(badges, filter_specs):
    """Load the skills of ``badges`` and their art's renditions for ``filter_specs``
    (Wagtail filter specs, e.g. ``"fill-240x240"``) in a constant number of queries, so
    that rendering a gallery does not query per badge."""
    specs = [Filter(spec).spec for spec in filter_specs]
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    prefetch_related_objects(badges, "tagged_skills__tag")
    prefetch_related_objects(
        [badge for badge in badges if badge.image_id],
        Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )
