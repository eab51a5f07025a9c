"""The site a content API request asks for is looked up once per content generation in
each process (issue 15: the site query cost more than a cold detail's page query), and
the next request after any site change follows it. Across processes:
tests/test_cache_across_processes.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cold(badgecms_settings):
    """Every request renders: no response is served from the response cache."""
    badgecms_settings(CONTENT_CACHE_TIMEOUT=0)


def site_queries(api_client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url, **headers)
    tables = [query["sql"].split(" FROM ", 1)[1].split()[0].strip('"') for query in queries]
    return response, tables.count("wagtailcore_site")


def test_the_site_is_looked_up_once_per_generation_for_each_host(api_client, make_landing_page):
    page = make_landing_page(title="Kept")
    url = f"/api/v1/pages/{page.id}/"
    assert site_queries(api_client, url)[1] == 1
    response, queries = site_queries(api_client, url)
    assert (response.status_code, response.json()["title"], queries) == (200, "Kept", 0)
    # Another Host header, and the ?site= parameter, are lookups of their own.
    assert site_queries(api_client, url, HTTP_HOST="127.0.0.1")[1] == 1
    assert site_queries(api_client, url, HTTP_HOST="127.0.0.1")[1] == 0
    assert site_queries(api_client, f"{url}?site=localhost")[1] == 1
    assert site_queries(api_client, f"{url}?site=localhost")[1] == 0


def test_a_new_site_for_the_host_is_used_by_the_next_request(api_client, make_landing_page):
    outside = make_landing_page(title="Outside")
    make_landing_page(title="Inside", parent=outside)

    def by_path(path):
        response = api_client.get(f"/api/v1/pages/by-path/?path={path}", HTTP_HOST="127.0.0.1")
        return response.json().get("title", response.status_code)

    # No site has the hostname 127.0.0.1 yet: the default site answers.
    assert (by_path("/inside/"), by_path("/outside/inside/")) == (404, "Inside")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=outside)
    assert (by_path("/"), by_path("/inside/"), by_path("/outside/inside/")) == (
        "Outside",
        "Inside",
        404,
    )


def test_a_changed_root_page_is_followed_by_the_next_request(api_client, site, make_landing_page):
    first = make_landing_page(title="First")
    second = make_landing_page(title="Second")
    for url in (f"/api/v1/pages/{first.id}/", f"/api/v1/pages/{first.id}/?site=localhost"):
        assert api_client.get(url).status_code == 200
    site.root_page = second
    site.save()
    for url in (f"/api/v1/pages/{first.id}/", f"/api/v1/pages/{first.id}/?site=localhost"):
        assert api_client.get(url).status_code == 404
    assert api_client.get(f"/api/v1/pages/{second.id}/?site=localhost").json()["title"] == (
        "Second"
    )


def test_a_renamed_site_is_no_longer_found_by_its_old_name(api_client, site):
    assert api_client.get("/api/v1/pages/?site=localhost").status_code == 200
    site.hostname = "renamed.example"
    site.save()
    response = api_client.get("/api/v1/pages/?site=localhost")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "site"
    assert api_client.get("/api/v1/pages/?site=renamed.example").status_code == 200


def test_a_deleted_last_site_is_a_400_naming_the_parameter(api_client, site):
    assert api_client.get("/api/v1/pages/").status_code == 200
    Site.objects.all().delete()
    response = api_client.get("/api/v1/pages/")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "site"
