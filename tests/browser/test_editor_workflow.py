"""Issue 7 in Chromium: an editor imports the seed document in the admin, sees what was
found, saves a draft and submits it for review; a publisher approves; the public page
shows the content. The screenshots illustrate docs/editors.md (`make docs-images`)."""

import re

import pytest
from playwright.sync_api import expect

from badgecms.home.editors.roles import EDITORS_GROUP, PUBLISHERS_GROUP
from badgecms.home.models import BadgeLandingPage
from badgecms.home.tests.test_importer import SEED_QUESTIONS
from tests.browser.conftest import login

# serialized_rollback: each live-server test starts from the migrated data (default site,
# root page, root collection) even after another one flushed the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_imports_submits_and_publisher_approves(
    seed_page, roles, make_user, seed_document_path, live_server, new_page, screenshots
):
    make_user("editor", EDITORS_GROUP)
    make_user("publisher", PUBLISHERS_GROUP)

    # The editor imports the template from the menu.
    editor = new_page()
    login(editor, live_server.url, "editor", "password")
    expect(editor.locator("[data-landing-pages]")).to_contain_text("Digital Badges")
    screenshots(editor, "editor-dashboard")
    editor.get_by_role("link", name="Import landing page", exact=True).click()
    editor.wait_for_url(re.compile(r".*/admin/landing-pages/import/$"))
    editor.set_input_files("input[name=document]", str(seed_document_path))
    editor.fill("input[name=title]", "Partner badges")
    screenshots(editor, "import-form")
    editor.get_by_role("button", name="Preview import").click()

    summary = editor.locator("[data-import-summary]")
    expect(summary).to_contain_text("13 FAQ items")
    expect(editor.locator("[data-import-questions] > li")).to_have_count(13)
    expect(editor.locator("[data-import-warnings]")).to_contain_text("tencent-cloud-llc")
    assert not BadgeLandingPage.objects.filter(slug="partner-badges").exists()
    screenshots(editor, "import-preview")

    editor.get_by_role("button", name="Save as draft").click()
    editor.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    expect(editor.locator(".messages")).to_contain_text(
        "Imported 13 FAQ items, 1 certification link into /partner-badges/ (draft)"
    )
    expect(editor.locator("[data-page-summary]")).to_contain_text("13 FAQ items")
    page = BadgeLandingPage.objects.get(slug="partner-badges")
    assert not page.live
    screenshots(editor, "draft-in-editor")

    # Submit for review from the action menu at the bottom of the editor.
    editor.locator(".w-dropdown-button").get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=re.compile("Submit to Badge page review")).click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    assert page.current_workflow_state.workflow.name == "Badge page review"
    screenshots(editor, "submitted-for-review")
    assert live_server_status(editor, live_server.url + "/partner-badges/") == 404

    # The publisher approves from the dashboard.
    publisher = new_page()
    login(publisher, live_server.url, "publisher", "password")
    row = publisher.locator("tr", has_text="Partner badges").filter(
        has=publisher.get_by_label("Actions")
    )
    expect(row).to_have_count(1)
    expect(publisher.locator("[data-landing-pages]")).to_contain_text("in review")
    screenshots(publisher, "publisher-dashboard")
    row.get_by_label("Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    landing_row = publisher.locator("[data-landing-pages] tr", has_text="Partner badges")
    expect(landing_row.locator("[data-statuses]")).to_have_text(re.compile(r"^\s*live\s*$"))
    screenshots(publisher, "approved")

    page.refresh_from_db()
    assert page.live
    visitor = new_page()
    visitor.goto(live_server.url + "/partner-badges/")
    expect(visitor.locator("h2#intro-heading")).to_have_text("What is Digital Badging?")
    questions = visitor.locator("details.faq-item summary")
    expect(questions).to_have_count(13)
    assert questions.all_inner_texts() == SEED_QUESTIONS
    screenshots(visitor, "public-page")


def live_server_status(page, url):
    """HTTP status of ``url`` fetched by ``page``'s browser context (no navigation)."""
    return page.request.get(url).status
