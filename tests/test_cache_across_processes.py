"""C18: a change made by another process is seen by the very next request of every server
process, with the standalone project's default cache (files shared by the processes of
the machine: 0 SQL queries on a warm hit), with Redis (``REDIS_URL``, else
``redis://127.0.0.1:6379/6``, as tests/test_response_cache_redis.py) and with a
process-local cache (local memory: the content generation is read from the database).
Every server sends warm hits from the response cache's middleware (first in
``MIDDLEWARE``), so the second read of each URL below is one.

Two gunicorn processes serve one SQLite file; ``manage.py shell``, ``publish_scheduled``
and ``import_landing_page --publish`` change it (and the site's root page, which the
API's site lookups, kept per content generation, must follow) from processes of their own.
"""

import os
import time
import uuid

import pytest

from tests.helpers.servers import (
    Server,
    copy_database,
    manage,
    migrated_database,
    process_environment,
)

DOCUMENT = "examples/content/credly-badge-landing-template.md"

PUBLISH_SEED_CHANGE = """
from wagtail.models import Site
page = Site.objects.get(is_default_site=True).root_page.specific
draft = page.get_latest_revision_as_object()
draft.title = "Changed by a shell"
draft.faqs.append(("faq", {"question": "Is zanzibar covered?", "answer": "<p>Yes.</p>"}))
draft.save_revision().publish()
"""

SCHEDULE_GO_LIVE = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Site
from badgecms.home.models import BadgeLandingPage
root = Site.objects.get(is_default_site=True).root_page.specific
page = root.add_child(instance=BadgeLandingPage(title="Upcoming", slug="upcoming", live=False))
page.go_live_at = timezone.now() + timedelta(seconds=1)
page.save_revision().publish()
"""

SCHEDULE_EXPIRY = """
from datetime import timedelta
from django.utils import timezone
from badgecms.home.models import BadgeLandingPage
page = BadgeLandingPage.objects.get(slug="upcoming")
draft = page.get_latest_revision_as_object()
draft.expire_at = timezone.now() + timedelta(seconds=5)
draft.save_revision().publish()
print(draft.expire_at.timestamp())
"""

SITE_ROOT_CHANGE = """
from wagtail.models import Site
from badgecms.home.models import BadgeLandingPage
site = Site.objects.get(is_default_site=True)
site.root_page = BadgeLandingPage.objects.get(slug="imported")
site.save()
"""


@pytest.fixture(scope="module")
def template_database(tmp_path_factory):
    return migrated_database(tmp_path_factory.mktemp("c18-template"))


@pytest.fixture(params=["default file cache", "Redis", "local memory"])
def processes(request, tmp_path, template_database):
    """Two gunicorn server processes on a copy of the database, and the environment a
    third process uses to change it."""
    database = copy_database(template_database, tmp_path)
    if request.param == "local memory":
        cache = {"CACHE_URL": "locmem://"}
    elif request.param == "Redis":
        # A key prefix of this test only: nothing of another run or test is read.
        redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6"
        cache = {"CACHE_URL": redis_url, "CACHE_KEY_PREFIX": f"badgecms-c18-{uuid.uuid4().hex}"}
    else:
        cache = {"CACHE_DIR": str(tmp_path / "cache")}
    env = process_environment(tmp_path, database, **cache)
    servers = [Server(env, tmp_path), Server(env, tmp_path)]
    yield env, servers
    for server in servers:
        server.stop()


def titles(server):
    return [page["title"] for page in server.json("/api/v1/pages/?limit=100")["results"]]


def seed_views(server, page_id):
    """What a visitor and a frontend see of the seed page on ``server``, twice (so that
    the second read is a cache hit): title in the detail, by-path, listing, HTML and the
    count of FAQ search results for "zanzibar"."""
    for _ in range(2):
        seen = {
            "detail": server.json(f"/api/v1/pages/{page_id}/")["title"],
            "by-path": server.json("/api/v1/pages/by-path/?path=/")["title"],
            "listing": titles(server),
            "html": "<h1>Changed by a shell</h1>" in server.get("/")[1],
            "search": server.json("/api/v1/faqs/?search=zanzibar")["count"],
        }
    return seen


def test_changes_from_other_processes_reach_every_server_process(processes):
    env, servers = processes
    page_id = servers[0].json("/api/v1/pages/")["results"][0]["id"]
    before = [seed_views(server, page_id) for server in servers]
    assert before[0] == before[1]
    assert before[0]["html"] is False and before[0]["search"] == 0

    manage(env, "shell", "-c", PUBLISH_SEED_CHANGE)
    for server in servers:
        assert seed_views(server, page_id) == {
            "detail": "Changed by a shell",
            "by-path": "Changed by a shell",
            "listing": ["Changed by a shell"],
            "html": True,
            "search": 1,
        }

    # A scheduled go-live, made live by publish_scheduled in a process of its own.
    manage(env, "shell", "-c", SCHEDULE_GO_LIVE)
    assert [titles(server) for server in servers for _ in range(2)] == [["Changed by a shell"]] * 4
    time.sleep(1.5)
    manage(env, "publish_scheduled")
    for server in servers:
        assert titles(server) == ["Changed by a shell", "Upcoming"]
        assert server.json("/api/v1/pages/by-path/?path=/upcoming/")["title"] == "Upcoming"

    # A scheduled expiry: the page leaves at expire_at, before publish_scheduled runs.
    expire_at = float(manage(env, "shell", "-c", SCHEDULE_EXPIRY).stdout.split()[-1])
    for server in servers:
        assert titles(server) == titles(server) == ["Changed by a shell", "Upcoming"]
    assert time.time() < expire_at, "the expiry came before the pages were read: slow machine"
    time.sleep(expire_at - time.time() + 0.2)
    for server in servers:
        assert titles(server) == ["Changed by a shell"]
        assert server.get("/upcoming/")[0] == 404
    manage(env, "publish_scheduled")
    for server in servers:
        assert titles(server) == ["Changed by a shell"]

    # An import with --publish.
    args = ["--slug", "imported", "--title", "Imported", "--publish"]
    manage(env, "import_landing_page", DOCUMENT, *args)
    for server in servers:
        assert titles(server) == ["Changed by a shell", "Imported"]
        assert server.json("/api/v1/pages/by-path/?path=/imported/")["title"] == "Imported"

    # A site change: the imported page becomes the site's root page, so the seed page
    # leaves the site's tree.
    manage(env, "shell", "-c", SITE_ROOT_CHANGE)
    for server in servers:
        for _ in range(2):
            assert server.json("/api/v1/pages/by-path/?path=/")["title"] == "Imported"
            assert titles(server) == ["Imported"]
            assert server.get(f"/api/v1/pages/{page_id}/")[0] == 404
