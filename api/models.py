"""Models of the content API: the per-site frontend preview setting, the server-side
state behind preview tokens, and shareable review links with their uses.

How it works: docs/architecture.md, section ``badgecms.api.models``.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from badgecms.api.conf import api_settings
from badgecms.home.fields import HttpURLField

#: Lifetime of a preview token when ``settings.PREVIEW_TOKEN_MAX_AGE`` is not set (seconds).
DEFAULT_PREVIEW_TOKEN_MAX_AGE = 3600


def default_frontend_preview_url() -> str:
    """Return ``settings.FRONTEND_PREVIEW_URL`` (from the environment), or ``""``."""
    return api_settings.FRONTEND_PREVIEW_URL or ""


def preview_token_max_age() -> timedelta:
    """Return the preview token lifetime, ``settings.PREVIEW_TOKEN_MAX_AGE`` seconds."""
    return timedelta(seconds=int(api_settings.PREVIEW_TOKEN_MAX_AGE))


@register_setting(icon="view")
class FrontendPreviewSettings(BaseSiteSetting):
    """Where the page editor's "Preview in frontend" action sends editors, per site.

    The action opens ``<frontend_preview_url>?token=<preview token>`` (the ``token``
    query parameter is added to any query the URL already has).
    """

    frontend_preview_url = HttpURLField(
        "frontend preview URL",
        max_length=2000,
        blank=True,
        help_text="Address of your frontend's preview route, e.g. "
        "https://www.example.org/api/draft. The editor's “Preview in frontend” action "
        "opens it with ?token=… added. Leave blank to use the FRONTEND_PREVIEW_URL "
        "environment variable.",
    )

    panels = [FieldPanel("frontend_preview_url")]

    class Meta:
        verbose_name = "frontend preview"

    def get_frontend_preview_url(self) -> str:
        """Return this site's preview URL, or the environment's default, or ``""``."""
        return self.frontend_preview_url or default_frontend_preview_url()


class RevisionJSONEncoder(DjangoJSONEncoder):
    """Wagtail's revision encoder (DjangoJSONEncoder), but datetimes keep their
    microseconds, so a preview's ``last_published_at`` equals the detail endpoint's."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class PagePreviewQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Previews whose lifetime has ended at ``now`` (default: the current time)."""
        return self.filter(expires_at__lte=now or timezone.now())


class PagePreview(models.Model):
    """One previewed state of a landing page, readable through one preview token.

    ``content`` is the page as Wagtail serialises it into a revision
    (``Page.serializable_data()``), taken from the editor's form, saved or not. The
    token carries only a signature of ``key``; nothing here is reachable without it.
    """

    key = models.CharField(max_length=64, unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page previewed; empty for a page that has not been saved yet.",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    content = models.JSONField(encoder=RevisionJSONEncoder)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    objects = PagePreviewQuerySet.as_manager()

    class Meta:
        verbose_name = "page preview"

    def __str__(self):
        return (
            f"Preview of {self.content.get('title', '')!r} until {self.expires_at:%Y-%m-%d %H:%M}"
        )

    def as_page(self):
        """Return the previewed page, rebuilt in memory from ``content`` (nothing is saved),
        or ``None`` when its page type no longer exists. References to deleted objects
        (an image, say) become empty, as in Wagtail's revisions."""
        model = self.content_type.model_class()
        if model is None:
            return None
        return model.from_serializable_data(self.content, check_fks=True, strict_fks=False)


def default_review_link_expiry():
    """When a new review link expires: now plus ``REVIEW_LINK_MAX_AGE`` seconds."""
    return timezone.now() + timedelta(seconds=int(api_settings.REVIEW_LINK_MAX_AGE))


class ReviewLink(models.Model):
    """A shareable link to the latest draft of a page, for a reviewer without an account.

    Opened at ``/api/v1/review/<key>/`` (the HTML page) or with ``?view=frontend`` (the
    frontend, through a new preview token). It expires at ``expires_at`` and can be
    revoked; deleting the page deletes its links. Every use is a :class:`ReviewLinkUse`.
    """

    key = models.CharField(max_length=64, unique=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page whose latest draft the reviewer sees.",
    )
    note = models.CharField(
        max_length=255, blank=True, help_text="Who the link is for, e.g. “Legal review”."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        default=default_review_link_expiry,
        help_text="After this moment the link shows nothing.",
    )
    revoked = models.BooleanField(default=False, help_text="Tick to stop the link working at once.")

    class Meta:
        verbose_name = "review link"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Review link to {self.page.title}" + (f" ({self.note})" if self.note else "")

    def is_usable(self, now=None) -> bool:
        """True while the link is neither revoked nor expired (at ``now``)."""
        return not self.revoked and self.expires_at > (now or timezone.now())


class ReviewLinkUse(models.Model):
    """One opening of a :class:`ReviewLink`: when, which view (``html``/``frontend``),
    the revision shown (null: the page had no revision) and whether it was refused."""

    link = models.ForeignKey(ReviewLink, on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField(default=timezone.now)
    view = models.CharField(max_length=16)
    revision_id = models.PositiveIntegerField(null=True)
    refused = models.CharField(
        max_length=16, blank=True, help_text="Why nothing was shown: expired or revoked."
    )

    class Meta:
        verbose_name = "review link use"
        ordering = ["-used_at"]

    def __str__(self):
        outcome = f"refused ({self.refused})" if self.refused else f"revision {self.revision_id}"
        return f"{self.view} at {self.used_at:%Y-%m-%d %H:%M}: {outcome}"


# The webhooks' models live in their sub-package; importing them here registers them.
from badgecms.api.webhooks.models import WebhookDelivery, WebhookEndpoint  # noqa: E402, F401
