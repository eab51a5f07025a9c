"""Webhook delivery end to end: a real receiver on 127.0.0.1, the real task worker
(``manage.py db_worker`` in another process), signatures checked with the
``standardwebhooks`` package."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from badgecms.api.tests.webhook_receiver import (
    Receiver,
    run_worker_process,
    start_worker_process,
    wait_for_worker,
)
from badgecms.api.webhooks.delivery import RETRY_DELAYS, deliver, queue_delivery
from badgecms.api.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker_here():
    """The worker's loop in this process (so that time-machine moves its clock)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="webhooks",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_publish_delivers_one_signed_event(make_landing_page):
    with Receiver() as receiver:
        endpoint = WebhookEndpoint.objects.create(url=receiver.url)
        page = make_landing_page(title="Data Analyst", slug="data-analyst")
        assert receiver.requests == []  # the publish itself sent nothing
        run_worker_process()

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    payload = Webhook(endpoint.secret).verify(request["body"], request["headers"])
    assert payload["type"] == "page.published"
    assert payload["data"]["page"] == {
        "id": page.id,
        "title": "Data Analyst",
        "locale": "en",
        "path": "/data-analyst/",
        "previous_path": None,
    }
    assert f"http://localhost/api/v1/pages/{page.id}/" in payload["data"]["urls"]
    assert "http://localhost/api/v1/pages/by-path/?path=/data-analyst/" in payload["data"]["urls"]
    assert request["headers"]["webhook-id"].startswith("msg_")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.attempt) == ("succeeded", 200, 1)
    assert delivery.response_body == '{"received": 1}'
    assert delivery.message_id == request["headers"]["webhook-id"]


def test_server_error_is_retried_later(make_landing_page):
    with Receiver(answers=[(500, {})]) as receiver:
        endpoint = WebhookEndpoint.objects.create(url=receiver.url)
        make_landing_page(title="Data Analyst")
        run_worker_process()
        first = WebhookDelivery.objects.get(attempt=1)
        assert (first.status, first.status_code) == (DeliveryStatus.RETRYING, 500)
        delay = first.next_attempt_at - first.attempted_at
        assert RETRY_DELAYS[0] <= delay <= RETRY_DELAYS[0] * 1.2 + timedelta(seconds=1)

        run_worker_here()  # not due yet: nothing sent
        assert len(receiver.requests) == 1
        with time_machine.travel(first.next_attempt_at + timedelta(seconds=1)):
            run_worker_here()

    assert len(receiver.requests) == 2
    first_headers, second_headers = (request["headers"] for request in receiver.requests)
    assert first_headers["webhook-id"] == second_headers["webhook-id"]
    # The retry is signed anew, at its own time (an hour on, for the verifier too).
    assert int(second_headers["webhook-timestamp"]) > int(first_headers["webhook-timestamp"])
    with time_machine.travel(int(second_headers["webhook-timestamp"])):
        Webhook(endpoint.secret).verify(receiver.requests[1]["body"], second_headers)
    second = WebhookDelivery.objects.get(attempt=2)
    assert (second.status, second.status_code) == (DeliveryStatus.SUCCEEDED, 200)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None


def test_client_error_is_not_retried(make_landing_page):
    with Receiver(answers=[(410, {})]) as receiver:
        WebhookEndpoint.objects.create(url=receiver.url)
        make_landing_page(title="Data Analyst")
        run_worker_process()
        with time_machine.travel(timezone.now() + timedelta(days=2)):
            run_worker_here()

    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.next_attempt_at) == (
        DeliveryStatus.FAILED,
        410,
        None,
    )


def test_too_many_requests_is_retried_after_retry_after(make_landing_page):
    with Receiver(answers=[(429, {"Retry-After": "120"})]) as receiver:
        WebhookEndpoint.objects.create(url=receiver.url)
        make_landing_page(title="Data Analyst")
        run_worker_process()
        first = WebhookDelivery.objects.get(attempt=1)
        assert first.status == DeliveryStatus.RETRYING
        delay = first.next_attempt_at - first.attempted_at
        assert timedelta(seconds=119) <= delay <= timedelta(seconds=121)
        with time_machine.travel(first.next_attempt_at + timedelta(seconds=1)):
            run_worker_here()

    assert len(receiver.requests) == 2
    assert WebhookDelivery.objects.get(attempt=2).status == DeliveryStatus.SUCCEEDED


def test_stopped_worker_queues_and_started_worker_delivers_in_order(make_landing_page):
    with Receiver() as receiver:
        WebhookEndpoint.objects.create(url=receiver.url)
        for title in ("First", "Second", "Third"):
            make_landing_page(title=title)
        assert DBTaskResult.objects.filter(status="READY").count() == 3
        assert receiver.requests == []
        run_worker_process()

    titles = [payload["data"]["page"]["title"] for payload in receiver.payloads()]
    assert titles == ["First", "Second", "Third"]
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_endpoint_failing_for_a_day_is_switched_off(make_landing_page):
    with Receiver(answers=[(503, {})] * 20) as receiver:
        endpoint = WebhookEndpoint.objects.create(url=receiver.url)
        make_landing_page(title="Data Analyst")
        run_worker_process()
        for _ in RETRY_DELAYS:
            pending = WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).first()
            if pending is None:
                break
            with time_machine.travel(pending.next_attempt_at + timedelta(seconds=1)):
                run_worker_here()

    endpoint.refresh_from_db()
    assert not endpoint.enabled
    assert "every delivery failed since" in endpoint.disabled_reason
    assert "last answer: 503" in endpoint.disabled_reason
    attempts = list(WebhookDelivery.objects.order_by("attempt").values_list("attempt", "status"))
    assert attempts[-1][1] == DeliveryStatus.FAILED
    assert len(receiver.requests) == len(attempts) == 8


def test_address_turned_private_is_refused_when_sending(settings, make_landing_page):
    """An endpoint accepted earlier whose host now resolves to a private address: the
    delivery is refused, not sent and not retried."""
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hooks")
    settings.BADGECMS = {**settings.BADGECMS, "WEBHOOKS_ALLOWED_PRIVATE_NETWORKS": []}
    make_landing_page(title="Data Analyst")
    run_worker_here()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.status_code) == (DeliveryStatus.FAILED, None)
    assert "127.0.0.1 resolves to 127.0.0.1" in delivery.response_body


def test_an_attempt_is_sent_once_even_if_its_task_runs_twice(make_landing_page):
    with Receiver() as receiver:
        endpoint = WebhookEndpoint.objects.create(url=receiver.url)
        delivery = queue_delivery(endpoint, "msg_once", {"type": "ping", "data": {}})
        deliver.call(delivery.id)
        deliver.call(delivery.id)
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED


@pytest.mark.postgresql
def test_two_workers_never_send_the_same_attempt_twice(make_landing_page):
    with Receiver() as receiver:
        WebhookEndpoint.objects.create(url=receiver.url)
        for number in range(12):
            make_landing_page(title=f"Page {number}")
        workers = [start_worker_process(), start_worker_process()]
        for worker in workers:
            wait_for_worker(worker)

    ids = [request["headers"]["webhook-id"] for request in receiver.requests]
    assert len(ids) == len(set(ids)) == 12
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count() == 12
