"""The example frontend (``examples/frontend/``) in Chromium: it renders a published page
from the content API with every text escaped, and shows the API's error, never a page,
for a bad preview token."""

import pytest
from playwright.sync_api import expect

# Live-server tests are transactional: the database is emptied after each one; serialized
# rollback reloads the migrated data (default site, root page, groups) before each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HOSTILE_QUESTION = '<img src=x onerror="window.hacked=1">Is it <b>safe</b>?'


@pytest.fixture
def frontend_url(settings, live_server):
    """``frontend_url(**query)``: the example frontend, served by the live server."""
    settings.ROOT_URLCONF = "tests.browser.urls"

    def url(query):
        return f"{live_server.url}/frontend/index.html?api={live_server.url}&{query}"

    return url


def test_example_frontend_renders_a_published_page_as_text(
    make_landing_page, frontend_url, new_page, screenshots
):
    page = make_landing_page(
        title="Badges <script>window.hacked=1</script>",
        faqs=[(HOSTILE_QUESTION, "<p>Yes, <b>really</b>.</p>"), ("Second?", "<p>Two.</p>")],
        links=[("<i>Label</i>", "Our badges", "https://www.credly.com/org/x")],
    )
    browser_page = new_page()
    browser_page.goto(frontend_url(f"page={page.pk}"))
    expect(browser_page.locator("h1")).to_have_text("Badges <script>window.hacked=1</script>")
    questions = browser_page.locator("details.faq-item h3")
    expect(questions).to_have_text([HOSTILE_QUESTION, "Second?"])
    assert browser_page.locator("details.faq-item .faq-answer").first.inner_html() == (
        "<p>Yes, <b>really</b>.</p>"
    )
    assert browser_page.locator(".link-label").inner_text() == "<i>Label</i>"
    button = browser_page.get_by_role("link", name="Our badges")
    assert button.get_attribute("href") == "https://www.credly.com/org/x"
    assert browser_page.evaluate("window.hacked") is None
    assert browser_page.locator("#preview-banner").is_hidden()
    assert browser_page.locator("meta[name=robots]").count() == 0
    screenshots(browser_page, "published-page")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("token=nope", "This preview token is not valid."),
        ("page=999999", "No published page matches this request."),
        ("", "Open this page with ?page=<page id> or with ?token=<preview token>."),
    ],
)
def test_example_frontend_shows_errors_not_pages(
    make_landing_page, frontend_url, new_page, query, message
):
    make_landing_page(title="Live page", faqs=[("Live?", "<p>Yes.</p>")])
    browser_page = new_page()
    browser_page.goto(frontend_url(query))
    expect(browser_page.locator("#status")).to_have_text(message)
    assert browser_page.locator("#page").is_hidden()
    assert "Live page" not in browser_page.content()
