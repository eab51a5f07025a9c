"""A visitor opens the landing page with badges in Chromium at desktop (1280 px) and phone
(390 and 320 px) widths: hero, badge gallery, calls to action and FAQ render without
console errors, without horizontal scrolling and without requests to other hosts, and
axe-core finds no WCAG 2.2 A/AA violation."""

import re
from pathlib import Path

import pytest

from badgecms.home.badges.demo import install_demo_badges

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def landing_page_with_badges(seed_page, settings):
    settings.ROOT_URLCONF = "tests.browser.urls"
    install_demo_badges(seed_page)
    page = seed_page.get_latest_revision_as_object()
    page.contact_email = "badges@example.org"
    page.search_description = "Earn digital badges for cloud and data skills."
    page.save_revision().publish()
    return page


@pytest.fixture
def open_landing_page(browser):
    """``open_landing_page(url, width) -> (page, console problems, requested URLs)``, in
    a context that lets the test inject axe-core past the site's Content Security Policy
    (``bypass_csp``: the page itself is served with its real headers)."""
    contexts = []

    def open_page(url, width):
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        contexts.append(context)
        return _load(context.new_page(), url)

    yield open_page
    for context in contexts:
        context.close()


def _load(browser_page, url):
    browser_page.set_default_timeout(15_000)
    problems, requests = [], []
    browser_page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.goto(url)
    browser_page.wait_for_load_state("networkidle")
    return browser_page, problems, requests


def axe_violations(browser_page):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make browser` (npm ci in tests/browser).")
    browser_page.add_script_tag(path=str(AXE))
    result = browser_page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_the_landing_page_shows_its_badges_accessibly(
    landing_page_with_badges, live_server, open_landing_page, screenshots, width
):
    browser_page, problems, requests = open_landing_page(live_server.url + "/", width)
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.locator("header.hero h1").inner_text() == landing_page_with_badges.title
    cards = browser_page.locator(".badge-card")
    assert cards.locator(".badge-name").all_inner_texts() == [
        "Cloud Foundations",
        "Cloud Architect",
        "Data Analyst",
    ]
    assert browser_page.locator(".badge-group-heading").all_inner_texts() == ["Cloud", "Data"]
    first = cards.first
    assert first.locator(".badge-meta").inner_text() == "Foundational · Learning"
    assert first.locator(".badge-skills li").all_inner_texts() == ["Cloud", "Networking"]
    art = first.locator("img.badge-art")
    assert art.get_attribute("alt") == "Cloud Foundations badge: a hexagon with a white ring"
    assert browser_page.evaluate("img => img.complete && img.naturalWidth", art.element_handle())
    # Each "Earn this badge" link names its badge for screen readers.
    earn = browser_page.get_by_role("link", name=re.compile(r"^Earn this badge\W+Cloud Architect$"))
    assert earn.get_attribute("href") == "https://www.credly.com/"
    assert browser_page.locator("footer.page-footer a").inner_text() == "badges@example.org"
    head = browser_page.locator("head")
    assert head.locator('meta[name="description"]').get_attribute("content") == (
        "Earn digital badges for cloud and data skills."
    )
    assert head.locator('meta[property="og:title"]').count() == 1
    assert head.locator('meta[name="twitter:card"]').count() == 1
    icon = head.locator('link[rel="icon"]').get_attribute("href")
    assert browser_page.request.get(live_server.url + icon).status == 200
    # Responsive: nothing wider than the viewport.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    screenshots(browser_page, f"landing-page-{width}px")
    assert axe_violations(browser_page) == []
    assert problems == []
    assert [url for url in requests if not url.startswith(live_server.url)] == []


def test_the_example_frontend_renders_the_badges(landing_page_with_badges, live_server, new_page):
    browser_page = new_page()
    problems = []
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.goto(
        f"{live_server.url}/frontend/index.html?api={live_server.url}"
        f"&page={landing_page_with_badges.pk}"
    )
    names = browser_page.locator("#badges .badge-name")
    names.first.wait_for()
    assert names.all_inner_texts() == ["Cloud Foundations", "Cloud Architect", "Data Analyst"]
    assert browser_page.locator("#badges .badge-group-heading").all_inner_texts() == [
        "Cloud",
        "Data",
    ]
    assert browser_page.locator("#badges .badge-meta").first.inner_text() == (
        "Foundational · Learning"
    )
    earn = browser_page.get_by_role("link", name="Earn this badge: Data Analyst")
    assert earn.get_attribute("href") == "https://www.credly.com/"
    art = browser_page.locator("#badges img.badge-art").first
    art.wait_for()
    assert browser_page.evaluate(
        "img => img.complete && img.naturalWidth > 0", art.element_handle()
    )
    assert problems == []
