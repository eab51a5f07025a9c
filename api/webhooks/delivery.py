"""Delivery of webhooks by a django-tasks worker: signing (Standard Webhooks, with the
``standardwebhooks`` package), the HTTP request, the record of each attempt, retries
with exponential backoff and jitter, and switching off an endpoint that keeps failing.

Tasks run on the backend named by ``WEBHOOKS_TASK_BACKEND``; a publish only enqueues
:func:`fan_out`, which makes one :class:`WebhookDelivery` per endpoint in the worker.
"""

import email.utils
import json
import random
import time
import urllib.error
import urllib.request
from datetime import timedelta
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.utils import timezone
from django_tasks import task, task_backends
from standardwebhooks import Webhook

from badgecms.api.conf import api_settings
from badgecms.api.webhooks.addresses import refused_address
from badgecms.api.webhooks.models import (
    RESPONSE_BODY_LIMIT,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
)

#: Wait before attempt 2, 3, ... 8: about 27 hours in all (the schedule of Standard
#: Webhooks' reference implementation); each wait gets up to 20 % jitter.
RETRY_DELAYS = [
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
#: Client errors worth retrying: Request Timeout and Too Many Requests (RFC 9110, 6585).
RETRIED_CLIENT_ERRORS = {408, 429}
#: The longest ``Retry-After`` honoured.
MAX_RETRY_AFTER = timedelta(hours=10)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new address to send the event to (it could point
    into a private network)."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def serialize(payload):
    """The request body of ``payload``: compact JSON (UTF-8 text), as signed."""
    return json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":"))


def signed_headers(secret, message_id, body, timestamp):
    """The Standard Webhooks headers signing ``body`` (str) with ``secret`` (``whsec_…``)
    at ``timestamp`` (aware datetime): ``webhook-id``, ``webhook-timestamp`` (Unix
    seconds), ``webhook-signature`` (``v1,<base64 HMAC-SHA256>``)."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, timestamp, body),
    }


def retry_delay(attempt, retry_after=None):
    """The wait before the attempt after ``attempt`` (1-based): ``retry_after`` (a
    timedelta from the receiver's ``Retry-After``, capped at :data:`MAX_RETRY_AFTER`)
    when given, else :data:`RETRY_DELAYS` with up to 20 % random jitter added."""
    if retry_after is not None:
        return min(max(retry_after, timedelta(0)), MAX_RETRY_AFTER)
    delay = RETRY_DELAYS[attempt - 1]
    return delay + delay * random.uniform(0, 0.2)  # noqa: S311 (jitter, not a secret)


def parse_retry_after(value):
    """``Retry-After`` (RFC 9110 §10.2.3: seconds or an HTTP date) as a timedelta, or
    ``None`` when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return timedelta(seconds=int(value.strip()))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when - timezone.now()


def can_retry_later():
    """True when the ``WEBHOOKS_TASK_BACKEND`` can run a task later (``supports_defer``;
    the database backend can, the immediate backend cannot: no retries then)."""
    return task_backends[api_settings.WEBHOOKS_TASK_BACKEND].supports_defer


def enqueue_with_transaction(task_, *args):
    """Enqueue ``task_`` (a django-tasks ``Task`` bound to its backend) with ``args`` so
    that it is queued if and only if the current transaction commits (at once outside a
    transaction).

    When the backend keeps its queue in this database (django-tasks' ``DatabaseBackend``)
    the task row is written inside the transaction (a transactional outbox): a process
    killed between the commit and an ``on_commit`` callback cannot lose it. Any other
    backend is enqueued by ``transaction.on_commit``. Returns None.
    """
    stored_here = _stored_in_this_database(task_backends[task_.backend])
    if stored_here:
        task_.enqueue(*args)
    else:
        transaction.on_commit(partial(task_.enqueue, *args))


def _stored_in_this_database(backend):
    """True when ``backend`` is django-tasks-db's ``DatabaseBackend`` writing to the
    default database. Imported here: a host site using another task backend need not
    install the ``django_tasks_db`` app, whose models cannot be imported without it."""
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return False
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    return isinstance(backend, DatabaseBackend) and (
        router.db_for_write(DBTaskResult) == DEFAULT_DB_ALIAS
    )


def _enqueue_delivery(delivery, run_after=None):
    task_ = deliver.using(backend=api_settings.WEBHOOKS_TASK_BACKEND)
    if run_after is not None:
        task_ = task_.using(run_after=run_after)
    enqueue_with_transaction(task_, delivery.id)


def queue_delivery(endpoint, message_id, payload):
    """Record attempt 1 of ``payload`` to ``endpoint`` and enqueue it; return the
    :class:`WebhookDelivery`."""
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, message_id=message_id, event=payload["type"], payload=payload
    )
    _enqueue_delivery(delivery)
    return delivery


@task()
def fan_out(message_id, payload):
    """Worker task: queue ``payload`` (an event, see ``events.build_payload``) to every
    enabled endpoint that wants its type, in the order of their URLs."""
    with transaction.atomic():
        for endpoint in WebhookEndpoint.objects.filter(enabled=True):
            if endpoint.wants(payload["type"]):
                queue_delivery(endpoint, message_id, payload)


def _send(endpoint, delivery):
    """POST the delivery; return ``(status_code or None, headers, first KB of body or
    the error, retryable)``."""
    reason = refused_address(endpoint.url)
    if reason:
        return None, {}, reason, False
    body = serialize(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "badgecms-webhooks",
        **signed_headers(endpoint.secret, delivery.message_id, body, timezone.now()),
    }
    request = urllib.request.Request(  # noqa: S310 (http/https only, checked above)
        endpoint.url, data=body.encode(), headers=headers, method="POST"
    )
    try:
        with _opener.open(request, timeout=api_settings.WEBHOOKS_TIMEOUT) as response:
            answer = response.read(RESPONSE_BODY_LIMIT)
            return response.status, response.headers, answer.decode(errors="replace"), False
    except urllib.error.HTTPError as error:
        answer = error.read(RESPONSE_BODY_LIMIT).decode(errors="replace")
        retryable = error.code >= 500 or error.code in RETRIED_CLIENT_ERRORS
        return error.code, error.headers, answer, retryable
    except OSError as error:  # URLError, timeouts and connection errors
        return None, {}, f"{type(error).__name__}: {getattr(error, 'reason', error)}", True


@task()
def deliver(delivery_id):
    """Worker task: send the :class:`WebhookDelivery` ``delivery_id`` if it is still
    pending (so a task run twice never sends an attempt twice), record the answer, and
    queue the next attempt or switch the endpoint off when it keeps failing."""
    claimed = WebhookDelivery.objects.filter(id=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING
    )
    if not claimed:
        return
    delivery = WebhookDelivery.objects.select_related("endpoint").get(id=delivery_id)
    endpoint = delivery.endpoint
    if delivery.attempt > 1 and not endpoint.enabled:
        delivery.status = DeliveryStatus.FAILED
        delivery.response_body = "Not sent: the endpoint is switched off."
        delivery.save(update_fields=["status", "response_body"])
        return
    started = time.monotonic()
    delivery.attempted_at = timezone.now()
    status_code, headers, answer, retryable = _send(endpoint, delivery)
    delivery.duration = round((time.monotonic() - started) * 1000)
    delivery.status_code = status_code
    delivery.response_body = answer[:RESPONSE_BODY_LIMIT]
    with transaction.atomic():
        if status_code is not None and 200 <= status_code < 300:
            delivery.status = DeliveryStatus.SUCCEEDED
            WebhookEndpoint.objects.filter(id=endpoint.id).update(failing_since=None)
        else:
            _record_failure(delivery, endpoint, headers, retryable)
        delivery.save()


def _record_failure(delivery, endpoint, headers, retryable):
    now = timezone.now()
    failing_since = endpoint.failing_since or now
    if endpoint.failing_since is None:
        WebhookEndpoint.objects.filter(id=endpoint.id).update(failing_since=failing_since)
    if now - failing_since >= timedelta(seconds=api_settings.WEBHOOKS_DISABLE_AFTER):
        code = delivery.status_code or delivery.response_body[:200]
        WebhookEndpoint.objects.filter(id=endpoint.id).update(
            enabled=False,
            disabled_reason=(
                f"Switched off on {now:%Y-%m-%d %H:%M} UTC: every delivery failed since "
                f"{failing_since:%Y-%m-%d %H:%M} UTC (last answer: {code})."
            ),
        )
        retryable = False
    if not retryable or delivery.attempt >= MAX_ATTEMPTS or not can_retry_later():
        delivery.status = DeliveryStatus.FAILED
        return
    retry_after = None
    if delivery.status_code in RETRIED_CLIENT_ERRORS:
        retry_after = parse_retry_after(headers.get("Retry-After"))
    delivery.status = DeliveryStatus.RETRYING
    delivery.next_attempt_at = now + retry_delay(delivery.attempt, retry_after)
    retry = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=delivery.message_id,
        event=delivery.event,
        payload=delivery.payload,
        attempt=delivery.attempt + 1,
        next_attempt_at=delivery.next_attempt_at,
    )
    _enqueue_delivery(retry, run_after=delivery.next_attempt_at)
