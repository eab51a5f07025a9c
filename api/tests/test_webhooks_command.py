"""``manage.py webhooks``: add, list, remove, rotate-secret, ping."""

import io

import pytest
from django.core.management import CommandError, call_command
from standardwebhooks import Webhook

from badgecms.api.webhooks.models import WebhookDelivery, WebhookEndpoint


def webhooks(*args):
    out = io.StringIO()
    call_command("webhooks", *args, stdout=out)
    return out.getvalue()


def test_add_prints_the_secret_once(db):
    output = webhooks("add", "http://127.0.0.1:3000/api/revalidate", "--events", "page.published")
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.url, endpoint.events) == (
        "http://127.0.0.1:3000/api/revalidate",
        ["page.published"],
    )
    assert f"Signing secret (shown once, keep it): {endpoint.secret}\n" in output
    Webhook(endpoint.secret)  # a secret the receivers' library accepts
    assert endpoint.secret not in webhooks("list")


def test_list(db):
    webhooks("add", "http://127.0.0.1:3000/a")
    webhooks("add", "http://127.0.0.1:3000/b", "--events", "page.deleted", "page.moved")
    first, second = WebhookEndpoint.objects.order_by("id")
    assert webhooks("list").splitlines() == [
        f"{first.id}\thttp://127.0.0.1:3000/a\tall events\tenabled",
        f"{second.id}\thttp://127.0.0.1:3000/b\tpage.deleted,page.moved\tenabled",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["http://10.1.2.3/hooks"], "url: 10.1.2.3 resolves to 10.1.2.3, a private"),
        (["ftp://example.org/hooks"], "url: "),
        (["http://127.0.0.1/h", "--events", "page.eaten"], "Unknown event 'page.eaten'"),
    ],
)
def test_add_refuses_bad_input_and_saves_nothing(db, args, message):
    with pytest.raises(CommandError) as raised:
        webhooks("add", *args)
    assert str(raised.value).startswith(message)
    assert not WebhookEndpoint.objects.exists()


def test_rotate_secret_and_remove(db):
    webhooks("add", "http://127.0.0.1:3000/a")
    endpoint = WebhookEndpoint.objects.get()
    old = endpoint.secret
    output = webhooks("rotate-secret", str(endpoint.id))
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert output.endswith(f"(shown once, keep it): {endpoint.secret}\n")
    assert webhooks("remove", str(endpoint.id)) == (
        f"Removed endpoint {endpoint.id}: http://127.0.0.1:3000/a\n"
    )
    assert not WebhookEndpoint.objects.exists()
    with pytest.raises(CommandError, match="No webhook endpoint has the id 999"):
        webhooks("remove", "999")


def test_ping_queues_a_delivery(db):
    webhooks("add", "http://127.0.0.1:3000/a", "--events", "page.deleted")
    endpoint = WebhookEndpoint.objects.get()
    output = webhooks("ping", str(endpoint.id))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.event, delivery.status, delivery.payload["data"]) == (
        "ping",
        "pending",
        {"endpoint": endpoint.id},
    )
    assert output == f"Queued test ping {delivery.message_id} to endpoint {endpoint.id}.\n"
