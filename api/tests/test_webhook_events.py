"""Which page changes become which webhook events, with what payload, and what a
publish costs (the event is queued once, whatever the number of endpoints)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from jsonschema import Draft202012Validator

from badgecms.api.docs_views import openapi_document
from badgecms.api.webhooks.actions import send_test_ping
from badgecms.api.webhooks.models import WebhookDelivery, WebhookEndpoint


@pytest.fixture
def endpoint(db):
    return WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hooks")


def queued_events():
    """The payloads queued for fan-out, oldest first."""
    results = DBTaskResult.objects.filter(task_path__endswith="fan_out").order_by("enqueued_at")
    return [result.args_kwargs["args"][1] for result in results]


def test_publish_queues_page_published(
    endpoint, make_landing_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_landing_page(title="Data Analyst", slug="data-analyst")
    [event] = queued_events()
    assert event["type"] == "page.published"
    assert event["timestamp"].endswith("Z")
    assert event["data"]["page"]["path"] == "/data-analyst/"
    assert event["data"]["urls"] == sorted(
        [
            f"http://localhost/api/v1/pages/{page.id}/",
            "http://localhost/api/v1/pages/by-path/?path=/data-analyst/",
            "http://localhost/api/v1/pages/",
            "http://localhost/api/v1/faqs/",
            f"http://localhost/api/v1/faqs/?page={page.id}",
        ]
    )


def test_unpublish_and_delete(endpoint, make_landing_page, django_capture_on_commit_callbacks):
    page = make_landing_page(title="Data Analyst", slug="data-analyst")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    events = [(event["type"], event["data"]["page"]["id"]) for event in queued_events()]
    assert events == [
        ("page.published", page.id),
        ("page.unpublished", page.id),
        ("page.published", page.id),
        ("page.deleted", page.id),
    ]


def test_rename_gives_old_and_new_path(
    endpoint, make_landing_page, django_capture_on_commit_callbacks
):
    page = make_landing_page(title="Data Analyst", slug="data-analyst")
    page.slug = "analyst"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    moved = [event for event in queued_events() if event["type"] == "page.moved"]
    assert len(moved) == 1
    data = moved[0]["data"]
    assert (data["page"]["path"], data["page"]["previous_path"]) == ("/analyst/", "/data-analyst/")
    assert "http://localhost/api/v1/pages/by-path/?path=/data-analyst/" in data["urls"]
    assert "http://localhost/api/v1/pages/by-path/?path=/analyst/" in data["urls"]


def test_move_includes_descendants(endpoint, make_landing_page, django_capture_on_commit_callbacks):
    section = make_landing_page(title="Section", slug="section")
    other = make_landing_page(title="Other", slug="other")
    child = make_landing_page(title="Child", slug="child", parent=section)
    with django_capture_on_commit_callbacks(execute=True):
        section.move(other, pos="last-child")
    [moved] = [event for event in queued_events() if event["type"] == "page.moved"]
    page = moved["data"]["page"]
    assert (page["path"], page["previous_path"]) == ("/other/section/", "/section/")
    assert "http://localhost/api/v1/pages/by-path/?path=/section/child/" in moved["data"]["urls"]
    assert (
        "http://localhost/api/v1/pages/by-path/?path=/other/section/child/" in moved["data"]["urls"]
    )
    assert f"http://localhost/api/v1/pages/{child.id}/" in moved["data"]["urls"]


def test_scheduled_go_live_and_expiry(
    endpoint, make_landing_page, django_capture_on_commit_callbacks
):
    page = make_landing_page(title="Later", slug="later", publish=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.expire_at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # scheduled, not live: nothing public changed
    assert queued_events() == []
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=90)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled", verbosity=0)
    with (
        time_machine.travel(timezone.now() + timedelta(hours=3)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled", verbosity=0)
    assert [event["type"] for event in queued_events()] == ["page.go_live", "page.expired"]


def test_scheduling_a_live_page_queues_nothing_until_it_goes_live(
    endpoint, make_landing_page, django_capture_on_commit_callbacks
):
    page = make_landing_page(title="Now", slug="now")
    queued = len(queued_events())
    page.title = "Later"
    page.go_live_at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(queued_events()) == queued
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=90)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled", verbosity=0)
    [event] = queued_events()[queued:]
    assert (event["type"], event["data"]["page"]["title"]) == ("page.go_live", "Later")


def test_the_event_is_queued_in_the_publish_transaction(endpoint, make_landing_page):
    """Transactional outbox (database task backend): the task row is written inside the
    publish's transaction, so a publish rolled back leaves no event, with no
    ``on_commit`` callback involved."""
    page = make_landing_page(title="Data Analyst", slug="data-analyst")
    queued = len(queued_events())
    with pytest.raises(RuntimeError), transaction.atomic():
        page.title = "Rolled back"
        page.save_revision().publish()
        assert [e["data"]["page"]["title"] for e in queued_events()[queued:]] == ["Rolled back"]
        raise RuntimeError
    assert len(queued_events()) == queued


def test_nothing_is_queued_without_an_enabled_endpoint(
    make_landing_page, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hooks", enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_landing_page(title="Data Analyst")
    assert queued_events() == []


@pytest.mark.parametrize("endpoints", [1, 25])
def test_publish_costs_the_same_whatever_the_number_of_endpoints(
    endpoints, make_landing_page, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """Enqueuing is constant work: a publish's queries do not grow with the endpoints."""
    WebhookEndpoint.objects.bulk_create(
        WebhookEndpoint(url=f"http://127.0.0.1:9/hooks/{number}") for number in range(endpoints)
    )
    page = make_landing_page(title="Data Analyst")
    revision = page.save_revision()
    queued = len(queued_events())  # the page's first publish
    with (
        django_assert_max_num_queries(PUBLISH_QUERIES),
        django_capture_on_commit_callbacks(execute=True),
    ):
        revision.publish()
    assert len(queued_events()) == queued + 1  # one per publish, not one per endpoint


#: What a publish of a landing page costs, webhooks included (two of them: whether an
#: endpoint is enabled, and the one task queued; the rest is Wagtail's publish and the
#: response cache's invalidation).
PUBLISH_QUERIES = 49


def test_payloads_match_the_openapi_webhooks(
    endpoint, make_landing_page, django_capture_on_commit_callbacks
):
    """Each payload validates against its entry of the OpenAPI document's ``webhooks``."""
    page = make_landing_page(title="Data Analyst", slug="data-analyst")
    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "analyst"
        page.save_revision().publish()
        send_test_ping(endpoint)
    webhooks = openapi_document()["webhooks"]
    events = [*queued_events(), WebhookDelivery.objects.get(event="ping").payload]
    types = ["page.published", "page.published", "page.moved", "ping"]
    assert [event["type"] for event in events] == types
    for event in events:
        body = webhooks[event["type"]]["post"]["requestBody"]["content"]["application/json"]
        Draft202012Validator(body["schema"]).validate(event)
    wrong = {**events[0], "data": {"page": {"id": "3"}}}
    assert list(Draft202012Validator(body["schema"]).iter_errors(wrong))


def test_immediate_backend_sends_once_without_retries(
    settings, make_landing_page, django_capture_on_commit_callbacks
):
    """With a task backend that cannot defer (Wagtail's default, immediate), a failed
    delivery is recorded and not retried at once in a loop."""
    settings.BADGECMS = {**settings.BADGECMS, "WEBHOOKS_TASK_BACKEND": "default"}
    WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hooks")  # nothing listens on 9
    with django_capture_on_commit_callbacks(execute=True):
        make_landing_page(title="Data Analyst")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code) == ("failed", None)
    assert "Connection refused" in delivery.response_body
