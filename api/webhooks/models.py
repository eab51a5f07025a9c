"""Models of the webhooks: where events go (:class:`WebhookEndpoint`) and what happened
to each attempt to send one (:class:`WebhookDelivery`). Declared in the ``badgecms_api``
app (imported by ``badgecms.api.models``)."""

import base64
import secrets
import uuid

from django.db import models
from django.utils import timezone

from badgecms.api.webhooks.addresses import validate_webhook_url
from badgecms.home.fields import HttpURLField

#: The prefix of a signing secret, as the Standard Webhooks specification writes it.
SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)

#: How much of a receiver's answer a delivery keeps (characters).
RESPONSE_BODY_LIMIT = 1024


class EventType(models.TextChoices):
    """The ``type`` of a webhook payload (Standard Webhooks: ``<group>.<event>``)."""

    PAGE_PUBLISHED = "page.published", "Page published"
    PAGE_UNPUBLISHED = "page.unpublished", "Page unpublished"
    PAGE_DELETED = "page.deleted", "Page deleted"
    PAGE_MOVED = "page.moved", "Page moved or renamed (its URL changed)"
    PAGE_GO_LIVE = "page.go_live", "Scheduled page went live"
    PAGE_EXPIRED = "page.expired", "Scheduled page expired"
    BADGE_CATALOGUE_CHANGED = "badge_catalogue.changed", "Badge catalogue changed"
    PING = "ping", "Test ping"


def generate_secret():
    """A new signing secret: ``whsec_`` and 32 random bytes in base64 (Standard Webhooks)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def generate_message_id():
    """A new ``webhook-id``: ``msg_`` and a random UUID in hex; retries reuse it."""
    return f"msg_{uuid.uuid4().hex}"


class WebhookEndpoint(models.Model):
    """A URL that receives signed events.

    ``events`` is a list of :class:`EventType` values; an empty list means every event.
    ``secret`` signs every delivery; editors see it once, when it is made. An endpoint
    whose deliveries all failed for ``WEBHOOKS_DISABLE_AFTER`` seconds is switched off,
    with the reason in ``disabled_reason``.
    """

    url = HttpURLField(
        "URL",
        max_length=2000,
        validators=[validate_webhook_url],
        help_text="The receiver's address (http or https, on a public network).",
    )
    description = models.CharField(max_length=255, blank=True)
    events = models.JSONField(
        default=list,
        blank=True,
        help_text="The events this endpoint receives; none selected means all of them.",
    )
    enabled = models.BooleanField(default=True)
    secret = models.CharField("signing secret", max_length=100, default=generate_secret)
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # Nothing links to an endpoint or a delivery from content: Wagtail's reference index
    # (updated on every save) has nothing to learn from them.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "webhook endpoint"
        ordering = ["url"]

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        if self.enabled and self.disabled_reason:
            # Switched on again by an editor: start counting failures afresh.
            self.disabled_reason = ""
            self.failing_since = None
        super().save(*args, **kwargs)

    def wants(self, event_type):
        """True when this endpoint receives events of ``event_type`` (a ping always)."""
        return event_type == EventType.PING or not self.events or event_type in self.events

    def rotate_secret(self):
        """Replace the signing secret with a new one, save it and return it."""
        self.secret = generate_secret()
        self.save(update_fields=["secret"])
        return self.secret


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SUCCEEDED = "succeeded", "Succeeded"
    RETRYING = "retrying", "Failed, will be retried"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One attempt to send one message to one endpoint.

    Every attempt of a message shares its ``message_id`` (the ``webhook-id`` header) and
    ``payload``; ``attempt`` counts from 1. ``status_code`` is the receiver's HTTP status
    (``None`` when none came: timeout, connection error, refused address), ``duration``
    the milliseconds the request took, ``response_body`` the first kilobyte of the answer
    (or the error), ``next_attempt_at`` when the retry is due.
    """

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(max_length=64, db_index=True)
    event = models.CharField(max_length=64, choices=EventType.choices)
    payload = models.JSONField()
    attempt = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration = models.PositiveIntegerField("duration (ms)", null=True, blank=True)
    response_body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.event} #{self.attempt} to {self.endpoint_id}: {self.get_status_display()}"
