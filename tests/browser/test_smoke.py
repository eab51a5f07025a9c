"""A visitor opens the landing page in Chromium and uses the FAQ accordion by keyboard."""

import pytest

# serialized_rollback: each live-server test starts from the migrated data (default site,
# root page, root collection) even after another one flushed the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_reads_the_faq_with_the_keyboard(seed_page, live_server, new_page, screenshots):
    page = new_page()
    page.goto(live_server.url + "/")
    assert page.locator("h2#intro-heading").inner_text() == "What is Digital Badging?"
    questions = page.locator("details.faq-item summary")
    assert questions.count() == 13
    assert questions.first.inner_text() == "What is an open badge?"
    first = page.locator("details.faq-item").first
    assert first.get_attribute("open") is None

    questions.first.focus()
    page.keyboard.press("Enter")
    assert first.get_attribute("open") == ""
    assert first.locator(".faq-answer").is_visible()
    button = page.get_by_role("link", name="Credly certifications")
    assert button.get_attribute("href") == (
        "https://www.credly.com/organizations/tencent-cloud-llc/badges"
    )
    screenshots(page, "landing-page-first-answer-open")
