"""The badge snippet (with revisions, publishing and preview) and the landing page's
ordered choice of badges.

A badge is either defined here or synced from a Credly badge template
(``credly_template_id`` set); :mod:`badgecms.home.badges.credly` keeps the synced ones
up to date. Only live (published) badges reach the public page and API.
"""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from badgecms.home.fields import HttpURLField

#: Rich text features of a badge description: short, formatted prose with links.
DESCRIPTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class BadgeSkill(TaggedItemBase):
    """A skill a badge certifies (a taggit tag on :class:`Badge`)."""

    content_object = ParentalKey(
        "badgecms_home.Badge", on_delete=models.CASCADE, related_name="tagged_skills"
    )


class Badge(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """A digital badge an earner can get: what it certifies, how to earn it, its art.

    Terms follow Open Badges (``BadgeClass``: name, description, image, criteria) and
    Credly's badge templates (level, type, time to earn, cost, activities).
    """

    name = models.CharField(max_length=255, help_text="The badge's name, e.g. “Cloud Architect”.")
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="Part of the badge's stable addresses (Open Badges), e.g. “cloud-architect”.",
    )
    description = RichTextField(
        features=DESCRIPTION_FEATURES,
        blank=True,
        help_text="What the badge says about its earner, in a few sentences.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The badge art: a square image (PNG or SVG), at least 400×400 pixels.",
    )
    image_alt = models.CharField(
        "image alt text",
        max_length=255,
        blank=True,
        help_text="Describe the badge art for people who cannot see it. Leave blank to use "
        "the image's description from the image library.",
    )
    criteria_narrative = models.TextField(
        "criteria",
        blank=True,
        help_text="What an earner must do to get the badge, in plain words.",
    )
    criteria_url = HttpURLField(
        "criteria URL",
        max_length=2000,
        blank=True,
        help_text="Page describing the criteria in full, starting with https://.",
    )
    skills = ClusterTaggableManager(
        through=BadgeSkill, blank=True, help_text="Skills the badge certifies, e.g. “Networking”."
    )
    level = models.CharField(
        max_length=100, blank=True, help_text="e.g. Foundational, Intermediate, Advanced."
    )
    badge_type = models.CharField(
        "type",
        max_length=100,
        blank=True,
        help_text="Credly's type of badge, e.g. Certification, Learning, Validation.",
    )
    time_to_earn = models.CharField(
        max_length=100, blank=True, help_text="How long earning it takes, e.g. “40 hours”."
    )
    cost = models.CharField(max_length=100, blank=True, help_text="e.g. Free, Paid, “USD 150”.")
    validity = models.CharField(
        max_length=100,
        blank=True,
        help_text="How long the badge stays valid, e.g. “3 years”; blank: it does not expire.",
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text="Badges an earner must hold first.",
    )
    earn_url = HttpURLField(
        "“Earn this badge” URL",
        max_length=2000,
        blank=True,
        help_text="Where a visitor starts earning the badge (course, exam, application).",
    )
    credly_template_id = models.CharField(
        "Credly badge template id",
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text="Set by the Credly sync; blank for a badge defined here.",
    )
    credly_url = HttpURLField(
        "Credly URL",
        max_length=2000,
        blank=True,
        help_text="The badge template's public page on Credly (set by the sync).",
    )
    credly_image_url = models.URLField(
        max_length=2000,
        blank=True,
        editable=False,
        help_text="The Credly image URL the badge art was fetched from (the sync fetches "
        "it again only when it changes).",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Badge art"),
        MultiFieldPanel(
            [FieldPanel("criteria_narrative"), FieldPanel("criteria_url")], heading="Criteria"
        ),
        MultiFieldPanel(
            [
                FieldPanel("skills"),
                FieldPanel("level"),
                FieldPanel("badge_type"),
                FieldPanel("time_to_earn"),
                FieldPanel("cost"),
                FieldPanel("validity"),
            ],
            heading="About the badge",
        ),
        InlinePanel("activities", heading="Earning activities", label="Activity"),
        FieldPanel("prerequisites"),
        FieldPanel("earn_url"),
        MultiFieldPanel(
            [FieldPanel("credly_template_id", read_only=True), FieldPanel("credly_url")],
            heading="Credly",
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("criteria_narrative"),
        index.RelatedFields("skills", [index.SearchField("name")]),
        index.FilterField("name"),
        index.FilterField("live"),
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "badge"

    def __str__(self):
        return self.name

    @property
    def is_hosted_on_credly(self):
        """True for a badge synced from Credly: its canonical URLs are Credly's."""
        return bool(self.credly_template_id)

    @property
    def alt_text(self):
        """The alt text of the badge art: ``image_alt``, else the image's description."""
        if self.image_alt:
            return self.image_alt
        return self.image.default_alt_text if self.image else ""

    def skill_names(self):
        """The skill names in alphabetical order (uses prefetched ``tagged_skills__tag``)."""
        return sorted(item.tag.name for item in self.tagged_skills.all())

    def clean(self):
        super().clean()
        if self.image is not None and self.image.width != self.image.height:
            raise ValidationError(
                {
                    "image": f"The badge art must be square; “{self.image.title}” is "
                    f"{self.image.width}×{self.image.height} pixels."
                }
            )

    def get_preview_template(self, request, mode_name):
        return "badgecms_home/badges/badge_preview.html"


class BadgeActivity(Orderable):
    """One activity that earns a badge (Credly's ``badge_template_activities``)."""

    badge = ParentalKey(Badge, on_delete=models.CASCADE, related_name="activities")
    activity_type = models.CharField(
        "type", max_length=100, blank=True, help_text="e.g. Education, Assessment, Experience."
    )
    title = models.CharField(max_length=255, help_text="e.g. “Pass the architect exam”.")
    url = HttpURLField("URL", max_length=2000, blank=True)

    panels = [FieldPanel("activity_type"), FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "earning activity"
        verbose_name_plural = "earning activities"

    def __str__(self):
        return self.title


class LandingPageBadge(Orderable):
    """A badge shown on a landing page, in the order editors chose, optionally opening a
    group under ``group_heading``."""

    page = ParentalKey(
        "badgecms_home.BadgeLandingPage", on_delete=models.CASCADE, related_name="badges"
    )
    badge = models.ForeignKey(
        Badge,
        on_delete=models.CASCADE,
        related_name="placements",
        help_text="A badge from Badges; only published badges appear on the page.",
    )
    group_heading = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional: starts a new group of badges under this heading, "
        "e.g. “Cloud certifications”.",
    )

    panels = [FieldPanel("badge"), FieldPanel("group_heading")]

    class Meta(Orderable.Meta):
        verbose_name = "badge"

    def __str__(self):
        return f"{self.badge}"
