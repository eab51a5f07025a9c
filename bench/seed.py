"""Content of the benchmark: landing pages with 13, 100 and 1000 FAQ items on a fresh
database, every answer and the intro holding an internal page link (the case that costs
stock Wagtail two queries per value), three certification links and a badge image;
and the publish timing (a revision saved and published as the admin's edit view does).
"""

from io import BytesIO
from statistics import median
from time import perf_counter

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from badgecms.home.models import BadgeLandingPage, CertificationLink

# Block keys as Wagtail's editor writes them (it adds one to every block it saves), so that
# the admin preview's form gives back the stored values unchanged.
INTRO = (
    '<p data-block-key="intro">Digital badges are verified, portable records of what you '
    "have learned. "
    '<a linktype="page" id="{target}">Read about the programme</a>.</p>'
)
ANSWER = (
    '<p data-block-key="a{number}">Answer {number}: badges are issued through Credly as '
    "<b>Open Badges</b>; "
    'see <a linktype="page" id="{target}">the programme page</a> for the details '
    "of each credential and how to share it.</p>"
)


def _image():
    buffer = BytesIO()
    PILImage.new("RGB", (1200, 1200), "navy").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Badge", description="A digital badge", file=ImageFile(buffer, name="badge.png")
    )


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return BadgeLandingPage.objects.get(id=page.id)


def seed(sizes):
    """Create the pages; return ``{faq_count: page}`` (live pages under the site root)."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", 80
    site.save()
    root = site.root_page
    target = _publish(root, BadgeLandingPage(title="Programme", slug="programme"))
    image = _image()
    pages = {}
    for count in sizes:
        page = BadgeLandingPage(
            title=f"Digital badges ({count} questions)",
            slug=f"badges-{count}",
            intro=INTRO.format(target=target.id),
            badge_image=image,
            faqs=[
                (
                    "faq",
                    {
                        "question": f"Question {number}: how do I share badge {number}?",
                        "answer": ANSWER.format(number=number, target=target.id),
                    },
                )
                for number in range(count)
            ],
        )
        page.certification_links = [
            CertificationLink(
                label=f"Certification {number}",
                text="Credly certifications",
                url=f"https://www.credly.com/organizations/example/badges?{number}",
            )
            for number in range(3)
        ]
        pages[count] = _publish(root, page)
    return pages


def admin_user():
    user_model = get_user_model()
    return user_model.objects.filter(username="bench-admin").first() or (
        user_model.objects.create_superuser("bench-admin", "bench@localhost", "bench")
    )


def publish_seconds(page, repeats=3):
    """Median seconds of an editor's publish of ``page``: one FAQ question edited, a
    revision saved and published by a user with log entries, in one transaction (as the
    admin's edit view does)."""
    user = admin_user()
    times = []
    for attempt in range(repeats):
        draft = page.get_latest_revision_as_object()
        draft.faqs[0].value["question"] = f"Question 0, edit {attempt}?"
        start = perf_counter()
        with transaction.atomic():
            revision = draft.save_revision(user=user, log_action=True)
            revision.publish(user=user, log_action=True)
        times.append(perf_counter() - start)
    return median(times)
