"""The webhooks in the OpenAPI 3.1 document (its ``webhooks`` section, drf-spectacular's
``WEBHOOKS`` setting): one entry per event type, each describing the signed POST a
receiver gets (:mod:`badgecms.api.webhooks.events` builds the payloads).

How it works: docs/architecture.md, section ``badgecms.api.webhooks.schema``.
"""

from drf_spectacular.utils import OpenApiWebhook

from badgecms.api.webhooks.models import EventType

SIGNATURE_DESCRIPTION = (
    "Signed per the Standard Webhooks specification: headers `webhook-id` (`msg_…`, the "
    "same on every retry of this message), `webhook-timestamp` (Unix seconds) and "
    "`webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>` with the "
    "endpoint's `whsec_…` secret). Answer 2xx within `WEBHOOKS_TIMEOUT` seconds; timeouts, "
    "connection errors, 5xx, 408 and 429 (`Retry-After` honoured) are retried, about 8 "
    "attempts over a day. See docs/webhooks.md."
)

_HEADERS = [
    {
        "in": "header",
        "name": name,
        "required": True,
        "schema": {"type": "string"},
        "description": description,
    }
    for name, description in [
        ("webhook-id", "Message id, `msg_…`; the same on every retry: use it to deduplicate."),
        ("webhook-timestamp", "When this attempt was signed, in Unix seconds."),
        ("webhook-signature", "`v1,<base64 signature>` (space-separated if several)."),
    ]
]

_URLS = {
    "type": "array",
    "items": {"type": "string", "format": "uri"},
    "description": "Every content API URL (absolute) whose answer changed, old and new.",
}

_PAGE = {
    "type": "object",
    "required": ["id", "title", "locale", "path", "previous_path"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "locale": {"type": "string", "description": "Language code, e.g. `en`."},
        "path": {
            "type": ["string", "null"],
            "description": "The page's path in its site, e.g. `/badges/data-analyst/`.",
        },
        "previous_path": {
            "type": ["string", "null"],
            "description": "The path before a move or rename (`page.moved`); null otherwise.",
        },
    },
}

#: The ``data`` of each event type.
EVENT_DATA = {
    **{
        event: {
            "type": "object",
            "required": ["page", "urls"],
            "properties": {"page": _PAGE, "urls": _URLS},
        }
        for event in EventType
        if event.value.startswith("page.")
    },
    EventType.BADGE_CATALOGUE_CHANGED: {
        "type": "object",
        "required": ["urls"],
        "properties": {"urls": _URLS},
    },
    EventType.PING: {
        "type": "object",
        "required": ["endpoint"],
        "properties": {"endpoint": {"type": "integer", "description": "The endpoint's id."}},
    },
}


def _webhook(event):
    payload = {
        "type": "object",
        "required": ["type", "timestamp", "data"],
        "properties": {
            "type": {"const": event.value},
            "timestamp": {
                "type": "string",
                "format": "date-time",
                "description": "When the event happened (UTC).",
            },
            "data": EVENT_DATA[event],
        },
    }
    return OpenApiWebhook(
        name=event.value,
        decorator={
            "post": {
                "operationId": f"webhook_{event.value.replace('.', '_')}",
                "summary": event.label,
                "description": SIGNATURE_DESCRIPTION,
                "parameters": _HEADERS,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": payload}},
                },
                "responses": {"200": {"description": "Received (any 2xx status will do)."}},
            }
        },
    )


page_published = _webhook(EventType.PAGE_PUBLISHED)
page_unpublished = _webhook(EventType.PAGE_UNPUBLISHED)
page_deleted = _webhook(EventType.PAGE_DELETED)
page_moved = _webhook(EventType.PAGE_MOVED)
page_go_live = _webhook(EventType.PAGE_GO_LIVE)
page_expired = _webhook(EventType.PAGE_EXPIRED)
badge_catalogue_changed = _webhook(EventType.BADGE_CATALOGUE_CHANGED)
ping = _webhook(EventType.PING)

#: drf-spectacular's ``WEBHOOKS`` setting of the content API's document (import paths).
WEBHOOKS = [
    f"{__name__}.{name}"
    for name in (
        "page_published",
        "page_unpublished",
        "page_deleted",
        "page_moved",
        "page_go_live",
        "page_expired",
        "badge_catalogue_changed",
        "ping",
    )
]
