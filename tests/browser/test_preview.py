"""Previewing a draft end to end in Chromium (issue 4): an editor changes an FAQ answer and
reorders two FAQ items without saving, checks Wagtail's preview panel in both modes
(page and API JSON), opens the frontend preview (the example frontend in
``examples/frontend/``) and sees the draft, while the public page and the public API still
show the published content; then publishes and sees the change on the public page.
Screenshots of each step go to ``test-output/screenshots/<test name>/``."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from badgecms.api.models import FrontendPreviewSettings
from tests.browser.conftest import login

# Live-server tests are transactional: the database is emptied after each one; serialized
# rollback reloads the migrated data (default site, root page, groups) before each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_ANSWER = "Draft answer: an open badge is a verifiable digital credential."
FIRST_QUESTION = "What is an open badge?"
SECOND_QUESTION = "How does my certification get displayed as a badge?"
OLD_FIRST_ANSWER = "Open badges are web-enabled versions of a credential"


@pytest.fixture
def example_frontend(settings, live_server, site):
    """Serve examples/frontend/ at /frontend/ on the live server and make it the site's
    frontend preview URL (its ``api`` parameter points at the live server)."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    setting = FrontendPreviewSettings.for_site(site)
    setting.frontend_preview_url = f"{live_server.url}/frontend/index.html?api={live_server.url}"
    setting.save()
    return setting.frontend_preview_url


def faq_block(page, block_id):
    return page.locator(
        f"[data-contentpath='faqs'] [data-streamfield-child][data-contentpath='{block_id}']"
    )


def iframe_text(page):
    return page.frame_locator("#w-preview-iframe").locator("body")


def public_questions(page):
    return page.locator("details.faq-item h3").all_inner_texts()


def test_editor_previews_unsaved_changes_then_publishes(
    seed_page, live_server, new_page, screenshots, moderator, example_frontend, settings
):
    # No autosave: what the previews show can only come from the unsaved form.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    revisions_before = seed_page.revisions.count()
    first_id, second_id = (item["id"] for item in seed_page.faq_sources()[:2])

    admin = new_page()
    login(admin, live_server.url, "moderator", "pw-moderator")
    admin.goto(f"{live_server.url}/admin/pages/{seed_page.pk}/edit/")

    # 1. Change the first answer, move the second question to the top; do not save.
    first = faq_block(admin, first_id)
    first.locator(".w-panel__toggle").first.click()
    answer = first.locator("[data-contentpath='answer'] .public-DraftEditor-content")
    answer.click()
    admin.keyboard.press("Control+A")
    admin.keyboard.type(NEW_ANSWER)
    expect(answer).to_have_text(NEW_ANSWER)
    # Draftail writes the text into the form's hidden input when it saves, a moment after
    # the typing; the previews post the form, so go on once the form holds it (else the
    # preview could show the old answer, as it did at times after the other tests).
    stored = first.locator("input[name$='-value-answer']")
    expect(stored).to_have_value(re.compile(re.escape(NEW_ANSWER)))
    faq_block(admin, second_id).locator("[data-streamfield-action='MOVE_UP']").first.click()
    titles = admin.locator("[data-contentpath='faqs'] .c-sf-block__title")
    expect(titles.nth(0)).to_have_text(SECOND_QUESTION)
    expect(titles.nth(1)).to_have_text(FIRST_QUESTION)
    screenshots(admin, "editor-unsaved-changes")

    # 2. Admin preview, page mode: the real template with the draft.
    admin.click("[data-side-panel-toggle='preview']")
    frame = admin.frame_locator("#w-preview-iframe")
    expect(frame.locator("details.faq-item h3").nth(0)).to_have_text(SECOND_QUESTION)
    expect(frame.locator("details.faq-item h3").nth(1)).to_have_text(FIRST_QUESTION)
    expect(frame.locator("details.faq-item .faq-answer").nth(1)).to_have_text(NEW_ANSWER)
    screenshots(admin, "admin-preview-page")

    # 3. Admin preview, "API JSON" mode: the detail JSON of the draft.
    # Wagtail ignores a mode change while a preview update is in flight: let it settle.
    admin.wait_for_load_state("networkidle")
    admin.select_option("#id_preview_mode", "api")
    expect(iframe_text(admin)).to_contain_text(f'"answer_text": "{NEW_ANSWER}"')
    body = json.loads(iframe_text(admin).inner_text())
    assert [item["question"] for item in body["faqs"][:2]] == [SECOND_QUESTION, FIRST_QUESTION]
    assert body["faqs"][1]["answer"] == f"<p>{NEW_ANSWER}</p>"
    assert body["id"] == seed_page.pk
    screenshots(admin, "admin-preview-api-json")

    # 4. "Preview in frontend": the example frontend renders the draft from its token.
    admin.click("footer .w-dropdown__toggle")
    with admin.context.expect_page() as opened:
        admin.get_by_role("button", name="Preview in frontend").click()
    frontend = opened.value
    frontend.wait_for_load_state()
    address = urlsplit(frontend.url)
    assert f"{address.scheme}://{address.netloc}{address.path}" == example_frontend.split("?")[0]
    assert set(parse_qs(address.query)) == {"api", "token"}
    expect(frontend.locator("#preview-banner")).to_contain_text("Preview of unpublished changes")
    expect(frontend.locator("details.faq-item h3").nth(0)).to_have_text(SECOND_QUESTION)
    expect(frontend.locator("details.faq-item h3").nth(1)).to_have_text(FIRST_QUESTION)
    frontend.locator("details.faq-item summary").nth(1).click()
    expect(frontend.locator("details.faq-item .faq-answer").nth(1)).to_have_text(NEW_ANSWER)
    assert frontend.locator("meta[name=robots]").get_attribute("content") == "noindex"
    screenshots(frontend, "frontend-preview")

    # 5. Visitors still get the published page and JSON.
    visitor = new_page()
    visitor.goto(f"{live_server.url}/")
    assert public_questions(visitor)[:2] == [FIRST_QUESTION, SECOND_QUESTION]
    assert OLD_FIRST_ANSWER in visitor.locator(".faq-answer").first.inner_html()
    assert NEW_ANSWER not in visitor.content()
    screenshots(visitor, "public-page-before-publishing")
    visitor.goto(f"{live_server.url}/api/v1/pages/{seed_page.pk}/")
    public_json = json.loads(visitor.locator("body").inner_text())
    assert [item["question"] for item in public_json["faqs"][:2]] == [
        FIRST_QUESTION,
        SECOND_QUESTION,
    ]
    assert OLD_FIRST_ANSWER in public_json["faqs"][0]["answer"]
    screenshots(visitor, "public-api-before-publishing")
    assert seed_page.revisions.count() == revisions_before  # nothing was saved

    # 6. Publish; the public page shows the new content.
    admin.bring_to_front()
    publish = admin.get_by_role("button", name="Publish")
    if not publish.is_visible():  # the actions drop-up may still be open from step 4
        admin.click("footer .w-dropdown__toggle")
    publish.click()
    admin.wait_for_url(f"{live_server.url}/admin/pages/{seed_page.get_parent().pk}/")
    expect(admin.locator(".messages")).to_contain_text("published")
    screenshots(admin, "published")
    visitor.goto(f"{live_server.url}/")
    assert public_questions(visitor)[:2] == [SECOND_QUESTION, FIRST_QUESTION]
    expect(visitor.locator("details.faq-item .faq-answer").nth(1)).to_have_text(NEW_ANSWER)
    screenshots(visitor, "public-page-after-publishing")
