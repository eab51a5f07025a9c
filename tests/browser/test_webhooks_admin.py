"""An administrator adds a webhook endpoint in Chromium, copies its secret, sends a test
ping that the real worker delivers, and reads the delivery log."""

import re

import pytest
from standardwebhooks import Webhook

from badgecms.api.tests.webhook_receiver import Receiver, run_worker_process
from badgecms.api.webhooks.models import WebhookEndpoint
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_adds_an_endpoint_and_pings_it(
    live_server, new_page, screenshots, django_user_model, settings
):
    # The admin would otherwise ask other hosts (Wagtail's update check, Gravatar), which
    # fails offline and fills the console with errors that are not this feature's.
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    django_user_model.objects.create_superuser("admin", "admin@example.com", "password")
    page = new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    login(page, live_server.url, "admin", "password")

    with Receiver() as receiver:
        page.get_by_role("button", name="Webhooks").click()
        page.get_by_role("link", name="Endpoints").click()
        page.get_by_role("link", name="Add webhook endpoint").click()
        page.fill("input[name=url]", receiver.url)
        page.fill("input[name=description]", "Next.js site")
        page.get_by_label("Page published").check()
        page.get_by_role("button", name=re.compile(r"^(Save|Create)$")).click()
        message = page.locator(".messages").inner_text()
        secret = re.search(r"whsec_\S+", message).group(0)
        endpoint = WebhookEndpoint.objects.get()
        assert (secret, endpoint.events) == (endpoint.secret, ["page.published"])
        screenshots(page, "endpoint-added-secret-shown-once")

        page.goto(f"{live_server.url}/admin/webhook_endpoints/{endpoint.pk}/ping/")
        page.get_by_role("button", name="Send test ping").click()
        assert "Test ping msg_" in page.locator(".messages").inner_text()
        run_worker_process()

    [request] = receiver.requests
    assert Webhook(secret).verify(request["body"], request["headers"])["type"] == "ping"
    page.goto(f"{live_server.url}/admin/webhook_deliveries/?status=succeeded")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 1
    assert "ping" in rows.first.inner_text()
    assert "200" in rows.first.inner_text()
    screenshots(page, "delivery-log")
    assert problems == []
