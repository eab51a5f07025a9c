"""Live preview in the real frontend (issue 15), in Chromium: the editor picks the
"Frontend" mode of the preview panel, which frames the example frontend served by its own
HTTP server on another origin (``examples/frontend/serve.py``, with ``frame-ancestors``
naming the admin); typing into an FAQ answer and reordering two items, unsaved, reach
the framed frontend by postMessage without a click or a reload, its scroll position and
open items kept; the public page and API stay as published; a message from another
origin is ignored; no console errors on the way."""

import json

import pytest
from django.test import Client
from playwright.sync_api import expect

from badgecms.api.models import FrontendPreviewSettings
from tests.browser.conftest import login
from tests.helpers.frontend_server import example_frontend_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_ANSWER = "Typed in the editor, not saved."
#: The frontend's update must show within this many milliseconds of the editor's change.
UPDATE_WITHIN_MS = 2000


@pytest.fixture
def frontend_origin(live_server):
    """The example frontend on its own origin, framable by the live server's admin only."""
    with example_frontend_server(live_server.url) as origin:
        yield origin


@pytest.fixture
def live_frontend(settings, site, live_server, frontend_origin):
    settings.CORS_ALLOWED_ORIGINS = [frontend_origin]
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # what the frontend shows comes from the form
    setting = FrontendPreviewSettings.for_site(site)
    setting.frontend_preview_url = f"{frontend_origin}/index.html?api={live_server.url}"
    setting.save()
    return frontend_origin


def faq_block(page, block_id):
    return page.locator(
        f"[data-contentpath='faqs'] [data-streamfield-child][data-contentpath='{block_id}']"
    )


def test_framed_frontend_follows_typing_and_reordering(
    seed_page, live_server, live_frontend, new_page, moderator, screenshots
):
    items = seed_page.faq_sources()
    first_id, second_id = items[0]["id"], items[1]["id"]
    first_question, second_question = items[0]["question"], items[1]["question"]
    public_before = Client().get(f"/api/v1/pages/{seed_page.pk}/").json()
    html_before = Client().get(seed_page.url).content

    admin = new_page()
    problems = []
    admin.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    admin.on("pageerror", lambda error: problems.append(str(error)))
    login(admin, live_server.url, "moderator", "pw-moderator")
    admin.goto(f"{live_server.url}/admin/pages/{seed_page.pk}/edit/")

    # 1. The preview panel in "Frontend" mode frames the example frontend.
    admin.click("[data-side-panel-toggle='preview']")
    admin.wait_for_load_state("networkidle")
    admin.select_option("#id_preview_mode", "frontend")
    framed = admin.frame_locator("#w-preview-iframe")
    questions = framed.locator("details.faq-item h3")
    expect(questions.nth(0)).to_have_text(first_question)
    expect(framed.locator("#preview-banner")).to_contain_text("Preview of unpublished changes")
    frontend = next(f for f in admin.frames if f.url.startswith(live_frontend))
    framed.locator("details.faq-item summary").nth(2).click()  # the visitor opens item 3
    frontend.evaluate("window.notReloaded = true; window.scrollTo(0, 300)")
    scroll = frontend.evaluate("window.scrollY")
    assert scroll > 0
    screenshots(admin, "frontend-mode")

    # 2. Typing into the first answer: the frontend shows it, no click, no reload.
    first = faq_block(admin, first_id)
    first.locator(".w-panel__toggle").first.click()
    answer = first.locator("[data-contentpath='answer'] .public-DraftEditor-content")
    answer.click()
    admin.keyboard.press("Control+A")
    admin.keyboard.type(NEW_ANSWER)
    expect(framed.locator(".faq-answer").nth(0)).to_have_text(NEW_ANSWER, timeout=UPDATE_WITHIN_MS)
    assert frontend.evaluate("window.notReloaded") is True
    assert frontend.evaluate("window.scrollY") == scroll
    assert frontend.evaluate("document.querySelectorAll('details[open]').length") == 1
    assert "token=" in frontend.url  # the frame's address follows the latest token

    # 3. Moving the second item up: the frontend shows the new order.
    faq_block(admin, second_id).locator("[data-streamfield-action='MOVE_UP']").first.click()
    expect(questions.nth(0)).to_have_text(second_question, timeout=UPDATE_WITHIN_MS)
    expect(questions.nth(1)).to_have_text(first_question)
    assert frontend.evaluate("window.notReloaded") is True
    assert frontend.evaluate("window.scrollY") == scroll
    screenshots(admin, "frontend-follows-the-editor")

    # 4. A message from another origin (here the frontend's own) is ignored.
    ignored = frontend.evaluate(
        """async () => {
            let requests = 0;
            const fetchBefore = window.fetch;
            window.fetch = (...args) => { requests += 1; return fetchBefore(...args); };
            window.postMessage({ type: "badgecms:preview", token: "forged" }, "*");
            await new Promise((resolve) => setTimeout(resolve, 300));
            window.fetch = fetchBefore;
            return requests;
        }"""
    )
    assert ignored == 0
    expect(framed.locator("#status")).to_be_hidden()
    expect(questions.nth(0)).to_have_text(second_question)

    # 5. Nothing was saved: the public API and page are as published.
    assert Client().get(f"/api/v1/pages/{seed_page.pk}/").json() == public_before
    assert Client().get(seed_page.url).content == html_before
    assert json.dumps(public_before).count(NEW_ANSWER) == 0
    assert problems == []
