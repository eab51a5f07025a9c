"""C19: concurrent writes on the embedded SQLite default, through real concurrent requests
to gunicorn (two worker processes, two threads each) on one SQLite file.

Two editors publish two different pages at the same moment, ten times; the same "create
page" form is submitted twice at once; an import runs while an editor publishes. No 500,
no lost edit, the duplicate create gets Wagtail's form error about the slug, and the
revision history is complete. (PostgreSQL: ``home/tests/test_concurrent_edits.py``.)
"""

import json
import subprocess
import sys
import threading

import pytest

from tests.helpers.editor_sessions import faq_stream, rendered_form
from tests.helpers.servers import (
    ROOT,
    Browser,
    Server,
    copy_database,
    manage,
    migrated_database,
    process_environment,
)

DOCUMENT = "examples/content/credly-badge-landing-template.md"
ROUNDS = 10

SET_UP = """
from django.contrib.auth import get_user_model
from wagtail.models import Site
from badgecms.home.models import BadgeLandingPage
for name in ("alice", "bob"):
    get_user_model().objects.create_superuser(name, f"{name}@example.org", "password")
root = Site.objects.get(is_default_site=True).root_page.specific
second = root.add_child(instance=BadgeLandingPage(title="Second", slug="second", live=False))
second.save_revision().publish()
print(root.id, second.id)
"""

HISTORY = """
import json
from wagtail.models import PageLogEntry
from badgecms.home.models import BadgeLandingPage
print(json.dumps({
    page.slug: [
        page.revisions.count(),
        PageLogEntry.objects.filter(page=page, action="wagtail.publish").count(),
        page.title,
    ]
    for page in BadgeLandingPage.objects.all()
}))
"""


@pytest.fixture(scope="module")
def template_database(tmp_path_factory):
    return migrated_database(tmp_path_factory.mktemp("c19-template"))


@pytest.fixture
def site(tmp_path, template_database):
    """``(env, server, root page id, second page id)`` on a copy of the database."""
    env = process_environment(
        tmp_path,
        copy_database(template_database, tmp_path),
        CACHE_DIR=str(tmp_path / "cache"),
    )
    root_id, second_id = map(int, manage(env, "shell", "-c", SET_UP).stdout.split()[-2:])
    server = Server(env, tmp_path, workers=2, threads=2)
    yield env, server, root_id, second_id
    server.stop()


def history(env):
    return json.loads(manage(env, "shell", "-c", HISTORY).stdout.splitlines()[-1])


def form_data(browser, path, **changes):
    """What the browser posts from the page form at ``path``: the rendered fields, the
    FAQ StreamField (built by Wagtail's JavaScript in a browser) and ``changes``."""
    status, _, html = browser.get(path)
    assert status == 200, (path, status)
    return {**rendered_form(html), **changes}


def edit_form(browser, page_id, title):
    faqs = browser.server.json(f"/api/v1/pages/{page_id}/")["faqs"]
    return form_data(
        browser,
        f"/admin/pages/{page_id}/edit/",
        title=title,
        **faq_stream([(item["question"], item["answer"]) for item in faqs]),
        **{"action-publish": "action-publish"},
    )


def at_once(*calls):
    """Run the ``calls`` (functions of no argument) in threads released together;
    return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(number, call):
        barrier.wait(timeout=60)
        results[number] = call()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_two_editors_publish_two_pages_at_the_same_moment(site):
    env, server, root_id, second_id = site
    before = history(env)
    alice, bob = Browser(server, "alice", "password"), Browser(server, "bob", "password")
    statuses = []
    for number in range(ROUNDS):
        alice_form = edit_form(alice, root_id, f"Alice {number}")
        bob_form = edit_form(bob, second_id, f"Bob {number}")
        responses = at_once(
            lambda form=alice_form: alice.post(f"/admin/pages/{root_id}/edit/", form),
            lambda form=bob_form: bob.post(f"/admin/pages/{second_id}/edit/", form),
        )
        statuses += [status for status, _, _ in responses]
    assert statuses == [302] * 2 * ROUNDS
    after = history(env)
    root_slug = next(slug for slug in after if slug != "second")
    assert after[root_slug] == [
        before[root_slug][0] + ROUNDS,
        before[root_slug][1] + ROUNDS,
        f"Alice {ROUNDS - 1}",
    ]
    assert after["second"] == [before["second"][0] + ROUNDS, before["second"][1] + ROUNDS, "Bob 9"]
    assert server.json(f"/api/v1/pages/{second_id}/")["title"] == "Bob 9"


def test_the_same_create_form_submitted_twice_at_once(site):
    _, server, root_id, _ = site
    alice, bob = Browser(server, "alice", "password"), Browser(server, "bob", "password")
    path = f"/admin/pages/add/badgecms_home/badgelandingpage/{root_id}/"
    forms = [
        form_data(
            browser,
            path,
            title="Twin",
            slug="twin",
            **faq_stream([("Is it twice?", "<p>No.</p>")]),
            **{"action-publish": "action-publish"},
        )
        for browser in (alice, bob)
    ]
    responses = at_once(lambda: alice.post(path, forms[0]), lambda: bob.post(path, forms[1]))
    assert sorted(status for status, _, _ in responses) == [200, 302]
    refused = next(body for status, _, body in responses if status == 200)
    assert "The slug &#x27;twin&#x27; is already in use" in refused
    assert server.json("/api/v1/pages/?slug=twin")["count"] == 1


def test_an_import_runs_while_an_editor_publishes(site):
    env, server, root_id, _ = site
    alice = Browser(server, "alice", "password")
    form = edit_form(alice, root_id, "Published during an import")
    command = [sys.executable, str(ROOT / "manage.py"), "import_landing_page", DOCUMENT]
    command += ["--slug", "imported", "--title", "Imported", "--publish"]

    def run_import():
        return subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )

    imported, published = at_once(
        run_import, lambda: alice.post(f"/admin/pages/{root_id}/edit/", form)
    )
    assert imported.returncode == 0, imported.stderr
    assert "Traceback" not in imported.stderr and "locked" not in imported.stderr
    assert published[0] == 302
    titles = [page["title"] for page in server.json("/api/v1/pages/")["results"]]
    assert sorted(titles) == ["Imported", "Published during an import", "Second"]
