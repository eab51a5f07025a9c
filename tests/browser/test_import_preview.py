"""Issue 12 in Chromium: an editor pastes the FAQ of a saved web page into the admin
import view, sees each question with its source line, leaves one out and saves the
draft; the boxes sit outside the confirmation form (``form="import-confirm"``), so only
a browser proves that they are sent. The console stays free of errors."""

import re

import pytest
from playwright.sync_api import expect

from badgecms.home.editors.roles import EDITORS_GROUP
from badgecms.home.models import BadgeLandingPage
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASTED = """<h2>Preguntas frecuentes</h2>
<details><summary>¿Qué es una insignia?</summary><p>Una credencial digital.</p></details>
<details><summary>Contacto</summary><p>Escríbenos.</p></details>
<details><summary>バッジとは？</summary><p>デジタル証明です。</p></details>
"""


def test_editor_pastes_html_leaves_out_an_item_and_saves(
    seed_page, roles, make_user, live_server, new_page, settings
):
    # The admin's avatars come from gravatar.com, which an offline test cannot reach.
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    make_user("editor", EDITORS_GROUP)
    editor = new_page()
    errors = []
    editor.on("console", lambda message: message.type == "error" and errors.append(message.text))
    editor.on("pageerror", lambda error: errors.append(str(error)))
    login(editor, live_server.url, "editor", "password")
    editor.goto(f"{live_server.url}/admin/landing-pages/import/")
    editor.fill("textarea[name=pasted]", PASTED)
    editor.fill("input[name=slug]", "preguntas")
    editor.get_by_role("button", name="Preview import").click()

    expect(editor.locator("[data-import-summary]")).to_have_text(
        "Found: 0 certification links and 3 FAQ items under “Preguntas frecuentes”."
    )
    items = editor.locator("[data-import-questions] > li")
    expect(items).to_have_count(3)
    expect(items.nth(0).locator("summary")).to_have_text("¿Qué es una insignia? (line 2)")
    expect(items.nth(2).locator("summary")).to_have_text("バッジとは？ (line 4)")
    items.nth(1).get_by_label("Leave out").check()
    editor.get_by_role("button", name="Save as draft").click()
    editor.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    expect(editor.locator(".messages")).to_contain_text(
        "Imported 2 FAQ items, 0 certification links into /preguntas/ (draft)"
    )
    page = BadgeLandingPage.objects.get(slug="preguntas").get_latest_revision_as_object()
    assert [item["question"] for item in page.faq_sources()] == [
        "¿Qué es una insignia?",
        "バッジとは？",
    ]
    assert errors == []
