"""Wagtail's stock API v2 (``wagtail.api.v2``) serving the landing page, mounted by the
benchmark only: the same page with its intro, certification links, badge image and FAQ,
rich text expanded to HTML with Wagtail's own ``expand_db_html`` (value by value, as a
stock project does), so that it returns the same content as our detail.

The ``api_fields`` are set here, at import, rather than on the models, so that the
production project does not expose API v2.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.rich_text import expand_db_html

from badgecms.home.models import BadgeLandingPage, CertificationLink


class ExpandedRichTextField(serializers.Field):
    """A rich text field value (database format) as front-end HTML."""

    def to_representation(self, value):
        return expand_db_html(value)


class ExpandedFAQField(serializers.Field):
    """The FAQ StreamField as ``[{"id", "question", "answer"}]``, answers as HTML."""

    def to_representation(self, value):
        return [
            {
                "id": block.id,
                "question": block.value["question"],
                "answer": expand_db_html(block.value["answer"].source),
            }
            for block in value
        ]


CertificationLink.api_fields = [APIField("label"), APIField("text"), APIField("url")]
BadgeLandingPage.api_fields = [
    APIField("intro_heading"),
    APIField("intro", serializer=ExpandedRichTextField()),
    APIField("certification_links"),
    APIField("badge_image", serializer=ImageRenditionField("max-800x800")),
    APIField("faq_heading"),
    APIField("faqs", serializer=ExpandedFAQField()),
]

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
