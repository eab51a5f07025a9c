"""What makes the content response cache stale: signal receivers that start a new content
generation (:func:`badgecms.home.caching.responses.invalidate`) whenever public content may have
changed.

How it works: docs/architecture.md, section ``badgecms.home.caching.invalidation``.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from badgecms.home.caching.responses import invalidate
from badgecms.home.models import (
    Badge,
    BadgeActivity,
    BadgeSkill,
    CertificationLink,
    LandingPageBadge,
)

#: Page fields whose change alone leaves public content as it is.
DRAFT_ONLY_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def content_changed(sender, **kwargs):
    """Receiver of any signal that means public content may have changed."""
    invalidate(kwargs.get("using"))


def page_saved(sender, instance, update_fields=None, using=None, **kwargs):
    """``post_save`` of a page: invalidate unless only draft bookkeeping was written."""
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    invalidate(using)


def rendition_saved(sender, created=False, using=None, **kwargs):
    """``post_save`` of a rendition: a changed rendition invalidates, a new one does not
    (no response served so far can show it)."""
    if not created:
        invalidate(using)


def connect_receivers(app_config):
    """Connect the receivers above; called once from ``HomeConfig.ready``.

    Receivers are connected per model rather than for every sender, so that Django's
    fast delete path stays available to models that do not matter here.
    """
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(page_saved, sender=model, dispatch_uid=f"cache-page-{model}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-del-{model}")
    image_model = get_image_model()
    for model in (
        PageViewRestriction,
        Site,
        image_model,
        get_document_model(),
        CertificationLink,
        Badge,
        BadgeActivity,
        BadgeSkill,
        LandingPageBadge,
    ):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-del-{model}")
    rendition_model = image_model.get_rendition_model()
    post_save.connect(rendition_saved, sender=rendition_model, dispatch_uid="cache-rendition")
    post_delete.connect(content_changed, sender=rendition_model, dispatch_uid="cache-del-rend")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(content_changed, dispatch_uid="cache-page-signal")
    post_migrate.connect(content_changed, sender=app_config, dispatch_uid="cache-migrate")
