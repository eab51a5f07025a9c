"""Browser test fixtures: Debian's Chromium driven by Playwright (no browser download),
headless, against pytest-django's live server on 127.0.0.1.

Screenshots go to ``test-output/screenshots/<test name>/`` (``BROWSER_OUTPUT_DIR``
overrides the root).
"""

import os
import re
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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


@pytest.fixture(scope="session", autouse=True)
def migrated_data(django_db_setup):
    """The rows the migrations created (Wagtail's root page, default site, root collection,
    locale) as serialised by pytest-django for ``serialized_rollback`` tests, read before
    Playwright starts."""
    return getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def keep_serialized_rollback(migrated_data):
    """Keep Django's ``serialized_rollback`` working across live-server tests.

    Once Playwright's sync API has started, test code runs in another ``contextvars``
    context, whose Django connection object lacks the serialised rows: Django's flush
    after the test would then re-create content types and the next test would start
    without the migrated rows. Handing the rows to the current connection object before
    that flush (this fixture's teardown runs first) restores Django's own behaviour.
    """
    yield
    connection = connections[DEFAULT_DB_ALIAS]
    if migrated_data and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migrated_data


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium).")
    thread_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # Playwright's sync API keeps an asyncio loop running in this thread; Django's
        # connection handler (asgiref Local) would then hand the tests a second
        # connection object, which lacks the serialized database contents that
        # serialized rollback restores between live-server tests. Keep the thread's.
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
        page.set_default_timeout(15_000)
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
