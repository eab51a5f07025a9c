"""What a webhook says: the payload of each event (Standard Webhooks shape
``{"type", "timestamp", "data"}``) and :func:`emit`, which queues an event with the
current transaction (it is queued if and only if the transaction commits).

How it works: docs/architecture.md, section ``badgecms.api.webhooks.events``.
"""

from django.utils import timezone

from badgecms.api.conf import api_settings
from badgecms.api.purge import content_api_urls
from badgecms.api.webhooks.delivery import enqueue_with_transaction, fan_out
from badgecms.api.webhooks.models import WebhookEndpoint, generate_message_id
from badgecms.home.caching.frontend_cache import page_locations


def build_payload(event_type, data):
    """The JSON object sent for one event: ``{"type": <EventType value>, "timestamp":
    <ISO 8601 UTC>, "data": data}`` (Standard Webhooks payload structure)."""
    return {
        "type": str(event_type),
        "timestamp": timezone.now().isoformat().replace("+00:00", "Z"),
        "data": data,
    }


def page_data(page, locations, previous_locations=()):
    """The ``data`` of a page event.

    ``locations`` and ``previous_locations`` are lists of
    :class:`~badgecms.home.caching.frontend_cache.PageLocation` (the page and, for a move,
    its descendants; now and before). Returns ``{"page": {"id", "title", "locale",
    "path", "previous_path"}, "urls": [...]}`` where the paths are the page's path inside
    its site (``"/badges/data-analyst/"``; ``previous_path`` is ``None`` unless it moved)
    and ``urls`` every content API URL (absolute) whose answer changed, sorted.
    """
    own = [location.path for location in locations if location.page_id == page.id]
    before = [location.path for location in previous_locations if location.page_id == page.id]
    everywhere = [*previous_locations, *locations]
    urls = {url for location in everywhere for url in content_api_urls(location)}
    return {
        "page": {
            "id": page.id,
            "title": page.title,
            "locale": page.locale.language_code,
            "path": own[0] if own else None,
            "previous_path": before[0] if before else None,
        },
        "urls": sorted(urls),
    }


def page_event_data(page):
    """:func:`page_data` of ``page`` at its current URL (every site showing it)."""
    return page_data(page, page_locations(page.id, page.url_path))


def emit(event_type, data):
    """Send ``data`` as an event of ``event_type`` to every endpoint wanting it if and only
    if the current transaction commits (at once outside a transaction).

    With the database task backend the task row is written in the transaction, so the
    event commits with the change or not at all, even if the process dies right after
    the commit; other backends are enqueued once the transaction commits
    (:func:`~badgecms.api.webhooks.delivery.enqueue_with_transaction`). Constant work
    whatever the number of endpoints: one query to know whether any endpoint is enabled
    and one task enqueued (:func:`~badgecms.api.webhooks.delivery.fan_out` makes the
    deliveries in the worker). Returns the message id (``msg_…``).
    """
    message_id = generate_message_id()
    payload = build_payload(event_type, data)
    if WebhookEndpoint.objects.filter(enabled=True).exists():
        task_ = fan_out.using(backend=api_settings.WEBHOOKS_TASK_BACKEND)
        enqueue_with_transaction(task_, message_id, payload)
    return message_id
