"""The example frontend (``examples/frontend/``) in Chromium: it renders a published page
from the content API with every text escaped, and shows the API's error, never a page,
for a bad preview token."""

import socket

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


@pytest.fixture
def cross_origin(settings, live_server):
    """The frontend served from one origin (``localhost``) and the API read from another
    (``127.0.0.1``, the same live server), as with a frontend on its own port; the
    frontend files carry no CSP of their own (a static file server sends none)."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "EXCLUDE_URL_PREFIXES": ["/admin/", "/frontend/"],
    }
    frontend = live_server.url.replace("127.0.0.1", "localhost")
    api = live_server.url.replace("localhost", "127.0.0.1")
    return frontend, api


def console_of(browser_page):
    """The console messages of ``browser_page`` (a list that fills as they come), each
    with the URL it concerns."""
    messages = []
    browser_page.on(
        "console",
        lambda message: messages.append(f"{message.text} {message.location.get('url', '')}"),
    )
    return messages


def test_example_frontend_reads_the_api_from_another_allowed_origin(
    make_landing_page, cross_origin, settings, new_page
):
    frontend, api = cross_origin
    settings.CORS_ALLOWED_ORIGINS = [frontend]
    page = make_landing_page(title="Across origins")
    browser_page = new_page()
    console = console_of(browser_page)
    browser_page.goto(f"{frontend}/frontend/index.html?api={api}&page={page.pk}")
    expect(browser_page.locator("h1")).to_have_text("Across origins")
    assert console == []


def test_example_frontend_says_when_cors_refused_it(
    make_landing_page, cross_origin, settings, new_page
):
    frontend, api = cross_origin
    settings.CORS_ALLOWED_ORIGINS = ["https://some-other-frontend.example"]
    page = make_landing_page(title="Refused")
    browser_page = new_page()
    console = console_of(browser_page)
    browser_page.goto(f"{frontend}/frontend/index.html?api={api}&page={page.pk}")
    expect(browser_page.locator("#status")).to_have_text(
        f"The content API at {api} answered but does not allow pages from {frontend} to "
        "read it (CORS): add that origin to the API's CORS_ALLOWED_ORIGINS setting."
    )
    assert browser_page.locator("#page").is_hidden()
    # Chromium's own report of the refusal, and nothing else.
    assert len(console) >= 1
    assert all("CORS" in text or "Failed to load resource" in text for text in console), console


def test_example_frontend_says_when_the_api_is_down(cross_origin, new_page):
    frontend, _ = cross_origin
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    browser_page = new_page()
    console = console_of(browser_page)
    browser_page.goto(f"{frontend}/frontend/index.html?api={closed}&page=1")
    expect(browser_page.locator("#status")).to_have_text(
        f"The content API at {closed} cannot be reached: is it running at that address?"
    )
    assert all("ERR_CONNECTION_REFUSED" in text or "Failed" in text for text in console), console
