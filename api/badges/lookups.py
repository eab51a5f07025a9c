"""What the content API may show of badges: live badges chosen by a public landing page.

A badge that is not published, or that only a draft, expired or restricted page (or a
page of another site) shows, is not public: :func:`public_badges` is the one definition
every badge endpoint starts from, built on :func:`badgecms.api.lookups.public_landing_pages`.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.search.backends import get_search_backend

from badgecms.api.images import IMAGE_RENDITIONS, base_url
from badgecms.api.lookups import public_landing_pages, search_words
from badgecms.home.badges.gallery import attach_shown_badges, render_descriptions
from badgecms.home.models import Badge


def public_badges(site=None, page_id=None):
    """Return a queryset of the live badges shown by a public landing page of ``site``
    (a :class:`~wagtail.models.Site`, or any site when None); with ``page_id``, only the
    badges of that public page. Ordered by name, then id; badge art joined."""
    pages = public_landing_pages(site).order_by()
    if page_id is not None:
        pages = pages.filter(pk=page_id)
    return (
        Badge.objects.filter(live=True, placements__page__in=pages.values("pk"))
        .distinct()
        .select_related("image")
        .order_by("name", "id")
    )


def search_badges(badges, text):
    """Return Wagtail search results of ``badges`` (name, description, criteria and
    skills) for the words of ``text``, every word required, ordered by name; no badge
    when ``text`` holds no word."""
    words = search_words(text)
    if not words:
        return badges.none()
    # The search backends filter on indexed fields only: narrow by primary key.
    candidates = Badge.objects.filter(pk__in=list(badges.values_list("pk", flat=True)))
    results = get_search_backend().search(
        " ".join(words), candidates.order_by("name", "id"), operator="and", order_by_relevance=False
    )
    return results


def prepare_badges(badges, request):
    """Load what serializing ``badges`` needs in a constant number of queries (skills,
    activities, live prerequisites, art renditions) and render all their descriptions in
    one batch (``badge.description_html``, front-end HTML with absolute URLs)."""
    badges = list(
        {id(badge): badge for badge in badges if not hasattr(badge, "description_html")}.values()
    )
    if not badges:
        return
    specs = [Filter(spec).spec for spec in IMAGE_RENDITIONS.values()]
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    prefetch_related_objects(
        badges,
        "tagged_skills__tag",
        "activities",
        Prefetch("prerequisites", queryset=Badge.objects.filter(live=True).order_by("name")),
    )
    prefetch_related_objects(
        [badge for badge in badges if badge.image_id],
        Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )
    render_descriptions(badges, base_url(request))


def page_badges(pages, request):
    """Set ``page.badges_shown`` on each of ``pages`` (see
    :func:`badgecms.home.badges.gallery.attach_shown_badges`) and prepare all those badges
    for serializing (:func:`prepare_badges`)."""
    attach_shown_badges(pages)
    prepare_badges([badge for page in pages for _, badge in page.badges_shown], request)
