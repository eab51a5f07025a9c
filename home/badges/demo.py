"""Demo badges for a fresh installation (``manage.py setup_demo``, ``make run``): three
badges defined here, with generated square art, shown on the demo landing page."""

from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from badgecms.home.badges.models import Badge, BadgeActivity, LandingPageBadge

#: (name, colour, level, type, skills, time to earn, group heading)
DEMO_BADGES = [
    (
        "Cloud Foundations",
        "#0b5cad",
        "Foundational",
        "Learning",
        ["Cloud", "Networking"],
        "8 hours",
        "Cloud",
    ),
    (
        "Cloud Architect",
        "#5b2a86",
        "Advanced",
        "Certification",
        ["Cloud", "Architecture"],
        "6 weeks",
        "",
    ),
    (
        "Data Analyst",
        "#1f6f43",
        "Intermediate",
        "Certification",
        ["SQL", "Statistics"],
        "4 weeks",
        "Data",
    ),
]


def badge_art_png(colour, size=400):
    """Return PNG bytes of a square picture of a hexagonal badge in ``colour``."""
    image = PILImage.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    s = size
    hexagon = [(s / 2, s * 0.04), (s * 0.92, s * 0.27), (s * 0.92, s * 0.73),
               (s / 2, s * 0.96), (s * 0.08, s * 0.73), (s * 0.08, s * 0.27)]  # fmt: skip
    draw.polygon(hexagon, fill=colour)
    draw.ellipse((s * 0.3, s * 0.3, s * 0.7, s * 0.7), outline="white", width=max(4, s // 40))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@transaction.atomic
def install_demo_badges(page):
    """Create and publish the demo badges and show them on ``page`` (a published
    :class:`~badgecms.home.models.BadgeLandingPage`), unless the page already shows
    badges. Returns the number of badges created."""
    if page.badges.exists():
        return 0
    placements = []
    for number, (name, colour, level, kind, skills, time, heading) in enumerate(DEMO_BADGES):
        slug = name.lower().replace(" ", "-")
        badge = Badge.objects.filter(slug=slug).first()
        if badge is None:
            art = get_image_model().objects.create(
                title=f"{name} badge",
                description=f"{name} badge: a hexagon with a white ring",
                file=ImageFile(BytesIO(badge_art_png(colour)), name=f"{slug}.png"),
            )
            badge = Badge(
                name=name,
                slug=slug,
                description=f"<p>Shows that the earner completed the {name} programme.</p>",
                image=art,
                level=level,
                badge_type=kind,
                time_to_earn=time,
                cost="Free",
                criteria_narrative=f"Complete the {name} course and pass its assessment.",
                earn_url="https://www.credly.com/",
                live=False,
            )
            badge.activities = [
                BadgeActivity(activity_type="Education", title=f"{name} course", sort_order=0),
                BadgeActivity(activity_type="Assessment", title="Final assessment", sort_order=1),
            ]
            badge.save()
            badge.skills.set(skills)
            badge.save()
            badge.save_revision().publish()
        placements.append(LandingPageBadge(badge=badge, group_heading=heading, sort_order=number))
    page.badges = placements
    page.save_revision().publish()
    return len(placements)
