"""Builders of badges for tests: square badge art, published badges, a page's badges."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset

from badgecms.home.models import Badge, BadgeActivity, LandingPageBadge


def badge_art(title="Badge art", size=(400, 400), description="A blue hexagon"):
    """Save a PNG of ``size`` pixels in the image library and return the image."""
    buffer = BytesIO()
    PILImage.new("RGB", size, "navy").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name="art.png")
    )


def make_badge(name="Cloud Architect", skills=(), activities=(), publish=True, **fields):
    """Create a badge (slug from ``name`` unless given), with ``skills`` (names) and
    ``activities`` (``(type, title, url)``), published unless ``publish=False``."""
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    badge = Badge(name=name, live=False, **fields)
    badge.activities = [
        BadgeActivity(activity_type=kind, title=title, url=url, sort_order=number)
        for number, (kind, title, url) in enumerate(activities)
    ]
    badge.save()
    if skills:
        badge.skills.set(list(skills))
        badge.save()
    revision = badge.save_revision()
    if publish:
        revision.publish()
    badge.refresh_from_db()
    return badge


def show_badges(page, badges, group_headings=None, publish=True):
    """Set ``page``'s badges to ``badges`` in order (``group_headings``: index ->
    heading) and publish the page (or only save a revision). Returns the page."""
    group_headings = group_headings or {}
    page.badges = [
        LandingPageBadge(
            badge=badge, group_heading=group_headings.get(number, ""), sort_order=number
        )
        for number, badge in enumerate(badges)
    ]
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def badges_form_data(page=None):
    """The editor's form data of ``page``'s badges as they are (``None``: a new page), for
    :func:`wagtail.test.utils.form_data.nested_form_data`: ``{"badges_heading": str,
    "badges": inline formset}``."""
    placements = list(page.badges.all()) if page and page.pk else []
    return {
        "badges_heading": page.badges_heading if page else "Badges you can earn",
        "badges": inline_formset(
            [
                {"id": item.id, "badge": item.badge_id, "group_heading": item.group_heading}
                for item in placements
            ],
            initial=len(placements),
        ),
    }
