"""Swagger UI of the content API in Chromium, under the site's Content-Security-Policy
(C22: the inline script drf-spectacular's template uses was blocked; the page was blank)."""

import pytest

from badgecms.api.docs_views import openapi_document

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_swagger_ui_lists_the_endpoints_under_the_csp(
    seed_page, live_server, new_page, screenshots
):
    page = new_page()
    console = []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: console.append(("pageerror", str(error))))
    response = page.goto(live_server.url + "/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path")
    shown = page.locator(".opblock-summary-path").all_inner_texts()
    paths = sorted(path.replace("\u200b", "") for path in shown)
    # Every path of the document, and its webhooks (docs/webhooks.md) by event type.
    document = openapi_document()
    assert paths == sorted([*document["paths"], *document["webhooks"]])
    assert "/api/v1/badges/" in paths
    assert page.locator(".info .title").inner_text().startswith("badgecms content API")
    screenshots(page, "swagger-ui")
    assert [entry for entry in console if entry[0] in ("error", "pageerror")] == []
