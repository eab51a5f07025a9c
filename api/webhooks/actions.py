"""What editors and the ``webhooks`` command do to webhooks by hand: send a test ping,
send a delivery again."""

from django.db import transaction

from badgecms.api.webhooks.delivery import queue_delivery
from badgecms.api.webhooks.events import build_payload
from badgecms.api.webhooks.models import EventType, generate_message_id


def send_test_ping(endpoint):
    """Queue a ``ping`` event (``data``: ``{"endpoint": <id>}``) to ``endpoint``, enabled
    or not; return the :class:`~badgecms.api.webhooks.models.WebhookDelivery`."""
    payload = build_payload(EventType.PING, {"endpoint": endpoint.id})
    with transaction.atomic():
        return queue_delivery(endpoint, generate_message_id(), payload)


def send_again(delivery):
    """Queue the message of ``delivery`` once more to its endpoint (same ``webhook-id``
    and payload, attempt 1 of a new series, signed anew); return the new delivery."""
    with transaction.atomic():
        return queue_delivery(delivery.endpoint, delivery.message_id, delivery.payload)
