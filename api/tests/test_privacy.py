"""Privacy (case C05): only live, public, unexpired pages of the requested site are ever
visible to anonymous clients, in every endpoint, count, search result and HTML page."""

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from tests.helpers.error_probes import NOT_FOUND
from tests.helpers.markup import internal_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_pages(make_landing_page):
    """Pages no anonymous client may see, by kind; each title and slug holds "zebra"."""

    def secret(kind, **fields):
        return make_landing_page(
            title=f"Zebra {kind}",
            slug=f"zebra-{kind}",
            faqs=[(f"Zebra {kind} question?", "<p>Zebra answer</p>")],
            **fields,
        )

    pages = {}
    pages["login"] = secret("login")
    PageViewRestriction.objects.create(page=pages["login"], restriction_type="login")
    pages["password"] = secret("password")
    PageViewRestriction.objects.create(
        page=pages["password"], restriction_type="password", password="zebra-pass"
    )
    pages["draft"] = secret("draft", publish=False)
    pages["unpublished"] = secret("unpublished")
    pages["unpublished"].unpublish()
    pages["expired"] = secret("expired")
    # Still live: the scheduled unpublish has not run yet.
    type(pages["expired"]).objects.filter(pk=pages["expired"].pk).update(
        expire_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    parent = secret("parent")
    PageViewRestriction.objects.create(page=parent, restriction_type="login")
    pages["parent"] = parent
    pages["child"] = make_landing_page(
        title="Zebra child", slug="zebra-child", parent=parent, faqs=[("Zebra child?", "<p>A</p>")]
    )
    return pages


@pytest.fixture
def public_page(make_landing_page, hidden_pages):
    """A public page whose intro links to every hidden page, and has a draft pending."""
    links = " ".join(internal_link(page, f"link {kind}") for kind, page in hidden_pages.items())
    page = make_landing_page(title="Open badges", slug="open", intro=f"<p>{links}</p>")
    draft = page.get_latest_revision_as_object()
    draft.title = "Zebra draft title"
    draft.save_revision()
    return page


def assert_no_zebra(response):
    assert b"zebra" not in response.content.lower(), response.content[:500]


def test_listings_counts_and_searches_show_only_the_public_page(api_client, public_page):
    for url in (
        "/api/v1/pages/",
        "/api/v1/pages/?search=zebra",
        "/api/v1/pages/?search=open",
        "/api/v1/pages/?order=-last_published_at",
        "/api/v1/pages/?slug=zebra-login",
        "/api/v1/faqs/",
        "/api/v1/faqs/?search=zebra",
    ):
        response = api_client.get(url)
        assert response.status_code == 200
        assert_no_zebra(response)
    assert api_client.get("/api/v1/pages/").json()["count"] == 1
    assert api_client.get("/api/v1/pages/?search=zebra").json()["count"] == 0
    assert api_client.get("/api/v1/faqs/?search=zebra").json()["count"] == 0


def test_links_to_hidden_pages_are_plain_text(api_client, public_page):
    response = api_client.get(f"/api/v1/pages/{public_page.id}/")
    assert_no_zebra(response)
    assert response.json()["title"] == "Open badges"
    assert "href" not in response.json()["intro"]


@pytest.mark.parametrize(
    "kind", ["login", "password", "draft", "unpublished", "expired", "parent", "child"]
)
def test_detail_and_path_lookup_are_the_404_of_a_page_that_never_existed(
    api_client, hidden_pages, kind
):
    never = api_client.get("/api/v1/pages/987654/")
    page = hidden_pages[kind]
    path = "/zebra-parent/zebra-child/" if kind == "child" else f"/zebra-{kind}/"
    for response in (
        api_client.get(f"/api/v1/pages/{page.id}/"),
        api_client.get(f"/api/v1/pages/by-path/?path={path}"),
        api_client.get(f"/api/v1/faqs/?page={page.id}"),
    ):
        assert_no_zebra(response)
    for response in (
        api_client.get(f"/api/v1/pages/{page.id}/"),
        api_client.get(f"/api/v1/pages/by-path/?path={path}"),
    ):
        assert response.status_code == 404
        assert response.content == never.content
        assert response.json() == NOT_FOUND
    assert api_client.get(f"/api/v1/faqs/?page={page.id}").json()["count"] == 0


@pytest.mark.parametrize(
    "kind", ["login", "password", "draft", "unpublished", "expired", "parent", "child"]
)
def test_html_page_shows_nothing_of_a_hidden_page(client, hidden_pages, kind):
    path = "/zebra-parent/zebra-child/" if kind == "child" else f"/zebra-{kind}/"
    response = client.get(path)
    if kind in ("login", "parent", "child"):
        assert response.status_code == 302
        assert response.url.startswith("/_util/login/")
    elif kind == "password":
        assert response.status_code == 200
        assert b"Password required" in response.content
    else:
        assert response.status_code == 404
    assert b"Zebra" not in response.content
    assert b"Zebra answer" not in response.content


def test_pages_of_another_site_are_not_visible(api_client, make_landing_page, root_page):
    other_root = make_landing_page(title="Other site home", slug="other", parent=root_page)
    Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    assert [page["title"] for page in api_client.get("/api/v1/pages/").json()["results"]] == []
    assert api_client.get(f"/api/v1/pages/{other_root.id}/").status_code == 404
    data = api_client.get("/api/v1/pages/?site=other.example").json()
    assert [page["title"] for page in data["results"]] == ["Other site home"]
    assert data["results"][0]["url"] == "http://other.example/"
    response = api_client.get(f"/api/v1/pages/{other_root.id}/", HTTP_HOST="other.example")
    assert response.json()["title"] == "Other site home"
