"""Browser test fixtures: Debian's Chromium driven by Playwright (no browser download),
headless, against pytest-django's live server on 127.0.0.1.

Live-server tests are transactional: mark them
``django_db(transaction=True, serialized_rollback=True)`` (Django's own mechanism), so
each starts from the migrated data (default site, root page, groups) that the flush after
the previous one removed. Screenshots go to ``test-output/screenshots/<test name>/``
(``BROWSER_OUTPUT_DIR`` overrides the root).
"""

import os
import re
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT_ROOT = Path(os.environ.get("BROWSER_OUTPUT_DIR", "test-output")) / "screenshots"
#: Milliseconds a browser step or an ``expect`` waits for the page before it fails.
TIMEOUT = 15_000
# expect() waits 5 s by default, less than a page action (TIMEOUT): on a busy machine
# the admin preview, rendered by a server round trip after each form change, could take
# longer, which made test_preview fail when it ran after the other browser tests.
expect.set_options(timeout=TIMEOUT)


@pytest.fixture
def browser(monkeypatch):
    """Chromium for one test, started after the test's database set-up and stopped
    before its flush.

    While Playwright's sync API runs, it marks an asyncio loop as running in this
    thread. Django then refuses ORM calls (``SynchronousOnlyOperation``), and its
    connection handler looks connections up per ``contextvars`` context instead of per
    thread. For exactly that time, ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set (the ORM calls a
    test makes between browser steps are synchronous and safe) and the thread's own
    connection objects are kept, so the test, the live server and the flush after the
    test share one connection as in every other test.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium).")
    thread_connections = {alias: connections[alias] for alias in connections}
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshots(request):
    """Return ``shoot(page, name)``, which saves a full-page PNG and returns its path."""
    folder = OUTPUT_ROOT / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0

    def shoot(page, name):
        nonlocal count
        count += 1
        path = folder / f"{count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot


@pytest.fixture
def new_page(browser):
    """Return ``open_page()``: a fresh browser context (own cookies) and page each call."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        return page

    yield open_page
    for context in contexts:
        context.close()


def login(page, live_server_url, username, password):
    """Log ``page`` into the Wagtail admin."""
    page.goto(f"{live_server_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server_url}/admin/")
