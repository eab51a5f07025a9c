"""Admin screens of the webhooks: endpoints (secret shown once, test ping), the
delivery log (status filter, send again) and the dashboard warning."""

import pytest
from django.urls import reverse
from django.utils import timezone

from badgecms.api.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_add_endpoint_shows_the_secret_once(admin_client):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {
            "url": "http://127.0.0.1:3000/api/revalidate",
            "description": "Next.js site",
            "events": ["page.published", "page.moved"],
            "enabled": "on",
        },
        follow=True,
    )
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["page.published", "page.moved"]
    assert any(endpoint.secret in message for message in messages_of(response))
    edit = admin_client.get(reverse("webhook_endpoints:edit", args=[endpoint.pk]))
    assert edit.status_code == 200
    assert endpoint.secret not in edit.content.decode()


def test_private_address_is_a_field_error(admin_client):
    response = admin_client.post(
        reverse("webhook_endpoints:add"), {"url": "http://169.254.169.254/", "enabled": "on"}
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["url"]
    assert "169.254.169.254 resolves to 169.254.169.254, a private" in error
    assert not WebhookEndpoint.objects.exists()


def test_send_test_ping(admin_client):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:3000/hooks")
    url = reverse("webhook_endpoints:ping", args=[endpoint.pk])
    assert admin_client.get(url).status_code == 200
    assert not WebhookDelivery.objects.exists()  # GET only asks
    response = admin_client.post(url, follow=True)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.endpoint, delivery.event, delivery.status) == (endpoint, "ping", "pending")
    assert f"Test ping {delivery.message_id} queued" in messages_of(response)[0]


def make_delivery(endpoint, status, **fields):
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=f"msg_{status}",
        event="page.published",
        payload={"type": "page.published", "data": {}},
        status=status,
        **fields,
    )


def test_deliveries_filtered_by_status(admin_client):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:3000/hooks")
    failed = make_delivery(endpoint, DeliveryStatus.FAILED, status_code=410, response_body="Gone")
    make_delivery(endpoint, DeliveryStatus.SUCCEEDED, status_code=200)
    inspect = admin_client.get(reverse("webhook_deliveries:inspect", args=[failed.pk]))
    assert "Gone" in inspect.content.decode()
    response = admin_client.get(reverse("webhook_deliveries:index"), {"status": "failed"})
    assert response.status_code == 200
    assert [row.pk for row in response.context["object_list"]] == [failed.pk]
    everything = admin_client.get(reverse("webhook_deliveries:index"))
    assert len(everything.context["object_list"]) == 2
    assert reverse("webhook_deliveries:send_again", args=[failed.pk]) in everything.content.decode()
    assert reverse("webhook_deliveries:add") not in everything.content.decode()


def test_send_again(admin_client):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:3000/hooks")
    failed = make_delivery(endpoint, DeliveryStatus.FAILED, status_code=410)
    admin_client.post(reverse("webhook_deliveries:send_again", args=[failed.pk]))
    again = WebhookDelivery.objects.exclude(pk=failed.pk).get()
    assert (again.message_id, again.payload, again.attempt, again.status) == (
        failed.message_id,
        failed.payload,
        1,
        "pending",
    )


def test_actions_need_permission(client, django_user_model):
    user = django_user_model.objects.create_user("someone", password="password")
    client.force_login(user)
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:3000/hooks")
    response = client.post(reverse("webhook_endpoints:ping", args=[endpoint.pk]))
    assert response.status_code in (302, 403)
    assert not WebhookDelivery.objects.exists()


def test_dashboard_warns_about_failing_endpoints(admin_client):
    WebhookEndpoint.objects.create(url="http://127.0.0.1:3000/healthy")
    assert (
        "data-failing-webhooks"
        not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )
    WebhookEndpoint.objects.create(
        url="http://127.0.0.1:3000/broken",
        enabled=False,
        disabled_reason="Switched off on 2026-12-01 10:00 UTC: every delivery failed",
    )
    WebhookEndpoint.objects.create(url="http://127.0.0.1:3000/flaky", failing_since=timezone.now())
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-failing-webhooks" in html
    assert "http://127.0.0.1:3000/broken</a>:" in html
    assert "Switched off on 2026-12-01 10:00 UTC: every delivery failed" in html
    assert "http://127.0.0.1:3000/flaky</a>:" in html
    assert "http://127.0.0.1:3000/healthy" not in html


def test_rotate_secret_shows_the_new_one_once(admin_client):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:3000/hooks")
    old = endpoint.secret
    url = reverse("webhook_endpoints:rotate_secret", args=[endpoint.pk])
    admin_client.get(url)
    endpoint.refresh_from_db()
    assert endpoint.secret == old  # GET only asks
    response = admin_client.post(url, follow=True)
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert f"shown only this once: {endpoint.secret}." in messages_of(response)[0]
    listing = admin_client.get(reverse("webhook_endpoints:index")).content.decode()
    assert url in listing
    assert endpoint.secret not in listing
