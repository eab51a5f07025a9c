"""The badge landing page: its fields, admin panels, search fields and the front-end
content (HTML fragments and schema.org data) that both the template and the API use.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from badgecms.faq.blocks import FAQStreamBlock
from badgecms.faq.structured_data import faq_page
from badgecms.home.badges.gallery import (
    attach_shown_badges,
    prefetch_badge_art,
    render_descriptions,
)
from badgecms.home.badges.models import Badge, BadgeActivity, BadgeSkill, LandingPageBadge
from badgecms.home.badges.structured_data import BADGE_ART_FILTER, credential_list
from badgecms.home.caching.models import ContentGeneration
from badgecms.home.conf import home_settings
from badgecms.home.editors.page_form import LandingPageForm
from badgecms.home.fields import HttpURLField
from badgecms.home.panels import PageSummaryPanel, SchedulePanel
from badgecms.home.prepared_rich_text import prepare_rich_text, render_prepared_many
from badgecms.home.preview import registered_preview_modes
from badgecms.home.richtext import rich_text_to_plain_text
from badgecms.home.validators import validate_rich_text_links

__all__ = [
    "Badge",
    "BadgeActivity",
    "BadgeLandingPage",
    "BadgeSkill",
    "CertificationLink",
    "ContentGeneration",
    "LandingPageBadge",
]

#: The rendition of badge art on the cards of the page's gallery.
BADGE_CARD_FILTER = "fill-240x240"

#: Rich text features of the intro: what a landing page intro needs, nothing more.
INTRO_FEATURES = ["bold", "italic", "h3", "ol", "ul", "link", "document-link", "image"]


class BadgeLandingPage(Page):
    """A page presenting an organisation's digital badge programme: an intro, links to
    its badges on Credly (Open Badges ``Issuer`` profile), and an FAQ."""

    intro_heading = models.CharField(
        max_length=255,
        default="What is Digital Badging?",
        help_text="Heading above the introduction, e.g. “What is Digital Badging?”.",
    )
    intro = RichTextField(
        features=INTRO_FEATURES,
        blank=True,
        help_text="Explain what digital badges are and why your organisation issues them. "
        "Bold, italic, links, lists and sub-headings are available.",
    )
    badge_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture of a badge, shown beside the introduction. "
        "Give the image a description in the image library: it becomes the alt text.",
    )
    badges_heading = models.CharField(
        max_length=255,
        default="Badges you can earn",
        blank=True,
        help_text="Heading above the badge gallery, e.g. “Badges you can earn”.",
    )
    faq_heading = models.CharField(
        max_length=255,
        default="FAQs",
        help_text="Heading above the frequently asked questions, e.g. “FAQs”.",
    )
    faqs = StreamField(
        FAQStreamBlock(),
        blank=True,
        help_text="Questions and answers, in the order visitors see them. "
        "Drag an item by its handle to move it.",
        verbose_name="FAQ items",
    )

    contact_email = models.EmailField(
        blank=True,
        help_text="Shown in the page footer, e.g. badges@example.org, for visitors' questions.",
    )
    #: The intro and FAQ answers sanitised when the page is validated or saved, with
    #: placeholders for URLs (see :mod:`badgecms.home.prepared_rich_text`).
    prepared_rich_text = models.JSONField(default=dict, blank=True, editable=False)

    base_form_class = LandingPageForm

    content_panels = [
        *Page.content_panels,
        PageSummaryPanel(heading="Summary"),
        MultiFieldPanel(
            [
                FieldPanel("intro_heading"),
                FieldPanel("intro"),
                FieldPanel("badge_image"),
            ],
            heading="Introduction",
        ),
        InlinePanel(
            "certification_links",
            heading="Certification links",
            label="Certification link",
            help_text="Buttons linking to your organisation's badges on Credly.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("badges_heading"),
                InlinePanel(
                    "badges",
                    label="Badge",
                    help_text="The badges shown on the page, in this order. Give a badge a "
                    "group heading to start a new group.",
                ),
            ],
            heading="Badges",
        ),
        MultiFieldPanel(
            [FieldPanel("faq_heading"), FieldPanel("faqs")],
            heading="Frequently asked questions",
        ),
        FieldPanel("contact_email", heading="Contact e-mail (footer)"),
    ]

    # Wagtail's publishing schedule with help texts; the rest (comments) as Wagtail has it.
    settings_panels = [SchedulePanel(), *Page.settings_panels[1:]]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("faqs"),
        # Let API searches exclude expired pages that are still live (C05) and filter by slug.
        index.FilterField("expire_at"),
        index.FilterField("slug"),
    ]

    # Any page type may hold a landing page (a host site's HomePage too), unless the
    # setting BADGECMS["PARENT_PAGE_TYPES"] narrows it.
    parent_page_types = home_settings.PARENT_PAGE_TYPES
    template = "badgecms_home/badge_landing_page.html"

    class Meta:
        verbose_name = "badge landing page"

    def faq_sources(self):
        """Return the stored FAQ items as a list of ``{"id", "question", "answer"}`` dicts,
        ``answer`` in Wagtail's rich text database format, in page order."""
        items = []
        for block in self.faqs.raw_data:
            if block.get("type") != "faq":
                continue
            value = block.get("value") or {}
            items.append(
                {
                    "id": block.get("id"),
                    "question": value.get("question", ""),
                    "answer": value.get("answer", ""),
                }
            )
        return items

    def rich_text_sources(self):
        """The page's rich text values in Wagtail's database format: the intro, then each
        FAQ answer in page order (``list[str]``)."""
        return [self.intro or "", *(item["answer"] or "" for item in self.faq_sources())]

    def prepare_rich_text(self):
        """Bring :attr:`prepared_rich_text` up to date with the intro and answers in memory
        (unchanged values keep their entries; no database query)."""
        self.prepared_rich_text = prepare_rich_text(
            self.rich_text_sources(), self.prepared_rich_text
        )

    def save_revision(self, *args, **kwargs):
        # Prepared before the revision is serialised: a draft opened in the editor (and
        # previewed) reuses the entries of its unchanged values.
        self.prepare_rich_text()
        return super().save_revision(*args, **kwargs)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"intro", "faqs"} & set(update_fields):
            self.prepare_rich_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "prepared_rich_text"}
        return super().save(*args, **kwargs)

    def front_end_content(self, base_url=""):
        """Return the page's rich text rendered for the outside world.

        Shape: ``{"intro": html, "faqs": [{"id", "question", "answer", "answer_text"}],
        "structured_data": schema.org FAQPage dict}``. All rich text of the page is
        rendered in one batch (see :func:`badgecms.home.richtext.render_rich_text_many`);
        ``base_url`` (``"https://host"``) makes image and document URLs absolute.
        The result is memoised on the instance per ``base_url``.
        """
        type(self).prefetch_front_end_content([self], base_url)
        return self.__dict__["_front_end_content"][base_url]

    @classmethod
    def prefetch_front_end_content(cls, pages, base_url=""):
        """Render the rich text of all ``pages`` in one batch and memoise each page's
        :meth:`front_end_content` for ``base_url``, so that a listing costs as many
        queries as one page. Pages already rendered for ``base_url`` are skipped."""
        pending = [
            (page, page.faq_sources())
            for page in pages
            if base_url not in page.__dict__.get("_front_end_content", {})
        ]
        rendered = iter(
            render_prepared_many(
                [
                    (source or "", page.prepared_rich_text)
                    for page, items in pending
                    for source in (page.intro, *(item["answer"] for item in items))
                ],
                base_url,
            )
        )
        for page, items in pending:
            intro, _ = next(rendered)
            faqs = [
                {
                    "id": item["id"],
                    "question": item["question"],
                    "answer": answer,
                    "answer_text": answer_text,
                }
                for item, (answer, answer_text) in zip(items, rendered, strict=False)
            ]
            page.__dict__.setdefault("_front_end_content", {})[base_url] = {
                "intro": intro,
                "faqs": faqs,
                "structured_data": faq_page(faqs),
            }

    def badges_front_end(self, base_url=""):
        """Return the badges the page shows: ``{"groups": [{"heading": str, "badges":
        [Badge]}], "structured_data": schema.org ItemList dict}`` (see
        :mod:`badgecms.home.badges.structured_data`). A badge with a group heading opens a
        new group; badges before the first heading form a group with heading "".
        ``base_url`` makes image URLs absolute."""
        attach_shown_badges([self])
        badges = [badge for _, badge in self.badges_shown]
        render_descriptions(badges, base_url)
        prefetch_badge_art(badges, [BADGE_CARD_FILTER, BADGE_ART_FILTER])
        groups = []
        for heading, badge in self.badges_shown:
            if heading or not groups:
                groups.append({"heading": heading, "badges": []})
            groups[-1]["badges"].append(badge)
        return {"groups": groups, "structured_data": credential_list(badges, base_url)}

    def clean(self):
        super().clean()
        errors = {}
        for item_number, item in enumerate(self.faq_sources(), start=1):
            if not (item["question"] or "").strip():
                errors.setdefault("faqs", []).append(
                    ValidationError(f"FAQ {item_number}: question is required.")
                )
            try:
                validate_rich_text_links(item["answer"])
            except ValidationError as error:
                errors.setdefault("faqs", []).append(
                    ValidationError(f"FAQ {item_number}: {error.messages[0]}")
                )
        try:
            validate_rich_text_links(self.intro)
        except ValidationError as error:
            errors["intro"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def preview_modes(self):
        """Wagtail preview modes: the HTML page (``""``) first, then the modes other apps
        register through :data:`badgecms.home.preview.PREVIEW_MODE_HOOK` (``"api"``: API JSON)."""
        return [("", "Page"), *((mode.name, mode.label) for mode in registered_preview_modes())]

    def serve_preview(self, request, mode_name):
        """Render this in-memory page (unsaved edits included) in preview mode
        ``mode_name``; raises ``Http404`` for a mode that is not registered."""
        if mode_name == "":
            return super().serve_preview(request, mode_name)
        for mode in registered_preview_modes():
            if mode.name == mode_name:
                return mode.serve(self, request)
        raise Http404(f"Unknown preview mode {mode_name!r}.")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Absolute URLs, as in the API: the page and the JSON carry the same HTML.
        content = self.front_end_content(f"{request.scheme}://{request.get_host()}")
        context["intro_html"] = content["intro"]
        context["faq_items"] = content["faqs"]
        context["structured_data"] = content["structured_data"]
        badges = self.badges_front_end(f"{request.scheme}://{request.get_host()}")
        context["badge_groups"] = badges["groups"]
        context["meta_description"] = self.search_description or Truncator(
            rich_text_to_plain_text(content["intro"])
        ).chars(160)
        context["badges_structured_data"] = badges["structured_data"]
        context["base_template"] = home_settings.BASE_TEMPLATE
        context["stylesheet"] = home_settings.STYLESHEET
        return context


class CertificationLink(Orderable):
    """A link to the organisation's badges on Credly, shown as a button."""

    page = ParentalKey(
        BadgeLandingPage, on_delete=models.CASCADE, related_name="certification_links"
    )
    label = models.CharField(
        max_length=255,
        help_text="What the link is for, e.g. “Tencent Cloud Certification Link”.",
    )
    text = models.CharField(
        max_length=255,
        default="Credly certifications",
        help_text="The words on the button, e.g. “Credly certifications”.",
    )
    url = HttpURLField(
        "URL",
        max_length=2000,
        help_text="Full address of your badges on Credly, starting with https://, e.g. "
        "https://www.credly.com/organizations/your-organisation/badges",
    )

    panels = [FieldPanel("label"), FieldPanel("text"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "certification link"
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="certification_link_url_is_http",
                violation_error_message="Only http:// and https:// links are allowed.",
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.url}"
