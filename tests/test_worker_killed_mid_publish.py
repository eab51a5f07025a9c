"""Fault: the gunicorn worker serving an editor's "Publish" is killed (SIGKILL) half-way
through it. A real gunicorn (one sync worker) on a PostgreSQL database of the test's own,
an editor signed in through the admin's login form, a webhook endpoint enabled.

The publish is stopped at an exact point: the test holds a PostgreSQL lock on the table
the publish writes next (``LOCK TABLE ... IN SHARE MODE`` lets reads through and stops
the first write), waits until ``pg_stat_activity`` shows the worker's backend waiting
for it with the expected statement, kills the worker, then releases the lock.

Proves: killed before its commit, the publish is absent (live and latest revision,
title and FAQs, revisions, log entries, search and reference index, queued webhook
event all as before); killed once its COMMIT was sent, it is whole. Never half. The
worker gunicorn starts again serves the page as the database holds it, and the editor's
retry publishes.
"""

import json
import os
import shutil
import signal
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.helpers.editor_sessions import faq_stream, rendered_form
from tests.helpers.servers import Browser, Server, manage, process_environment

pytestmark = pytest.mark.postgresql

NEW_TITLE = "Digital badges, republished"
NEW_QUESTION = "Where is the target page?"
#: NEW_TITLE as the search index holds it (a PostgreSQL tsvector, English stems).
SEARCH_TITLE = "'badg':2B 'digit':1B 'republish':3B"

SET_UP = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Site
from badgecms.api.webhooks.models import WebhookEndpoint
from badgecms.home.models import BadgeLandingPage
get_user_model().objects.create_superuser("editor", "editor@example.org", "password")
WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hooks")
root = Site.objects.get(is_default_site=True).root_page.specific
target = root.add_child(instance=BadgeLandingPage(title="Target", slug="target", live=False))
target.save_revision().publish()
print(json.dumps({"page": root.id, "target": target.id}))
"""

# (name, what the test locks, the statement the worker must be waiting in, the outcome)
KILL_POINTS = [
    ("revision", "LOCK TABLE wagtailcore_revision IN SHARE MODE",
     'INSERT INTO "wagtailcore_revision"', "absent"),
    ("page row", "LOCK TABLE wagtailcore_page IN SHARE MODE",
     'UPDATE "wagtailcore_page"', "absent"),
    ("search index", "LOCK TABLE wagtailsearch_indexentry IN SHARE MODE",
     "INSERT INTO wagtailsearch_indexentry", "absent"),
    ("page log entry", "LOCK TABLE wagtailcore_pagelogentry IN SHARE MODE",
     'INSERT INTO "wagtailcore_pagelogentry"', "absent"),
    ("landing page content", "LOCK TABLE badgecms_home_badgelandingpage IN SHARE MODE",
     'UPDATE "badgecms_home_badgelandingpage"', "absent"),
    ("reference index", "LOCK TABLE wagtailcore_referenceindex IN SHARE MODE",
     'INSERT INTO "wagtailcore_referenceindex"', "absent"),
    ("webhook task", "LOCK TABLE django_tasks_database_dbtaskresult IN SHARE MODE",
     'INSERT INTO "django_tasks_database_dbtaskresult"', "absent"),
    # The editor's user row locked: the deferred foreign key checks that COMMIT runs
    # (revision.user_id, pagelogentry.user_id) wait for it, after every write.
    ("commit", "SELECT id FROM auth_user WHERE username = 'editor' FOR UPDATE",
     "COMMIT", "whole"),
]  # fmt: skip


def server_connection(database="postgres"):
    """An autocommit psycopg connection to ``database`` on the test run's server."""
    options = settings.DATABASES["default"]
    return psycopg.connect(
        host=options["HOST"] or None,
        port=options["PORT"] or None,
        user=options["USER"] or None,
        password=options["PASSWORD"] or None,
        dbname=database,
        autocommit=True,
    )


def database_url(database):
    options = settings.DATABASES["default"]
    password = f":{options['PASSWORD']}" if options["PASSWORD"] else ""
    host = options["HOST"] or "127.0.0.1"
    return f"postgres://{options['USER']}{password}@{host}:{options['PORT'] or 5432}/{database}"


@pytest.fixture(scope="module")
def template_database(tmp_path_factory):
    """A migrated database with the demo page as the site's root, a published page
    "Target", a superuser ``editor`` and an enabled webhook endpoint; yields ``(name,
    {"page": id, "target": id}, media folder)``."""
    folder = tmp_path_factory.mktemp("worker-kill-template")
    name = f"{settings.DATABASES['default']['NAME']}_kill_{uuid.uuid4().hex[:8]}"
    with server_connection() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        env = process_environment(folder, folder / "unused.sqlite3", CACHE_URL="dummy://")
        env["DATABASE_URL"] = database_url(name)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "setup_demo", "--no-admin")
        ids = json.loads(manage(env, "shell", "-c", SET_UP).stdout.splitlines()[-1])
        yield name, ids, folder / "media"
    finally:
        with server_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site(template_database, tmp_path):
    """A copy of the template database served by gunicorn (one sync worker, the file
    response cache); yields ``(database name, server, ids)``."""
    template, ids, media = template_database
    # The demo badges' images, which renditions are made from.
    shutil.copytree(media, tmp_path / "media")
    name = f"{template}_{uuid.uuid4().hex[:6]}"
    with server_connection() as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    env = process_environment(
        tmp_path, tmp_path / "unused.sqlite3", CACHE_DIR=str(tmp_path / "cache")
    )
    env["DATABASE_URL"] = database_url(name)
    server = Server(env, tmp_path, workers=1)
    try:
        yield name, server, ids
    finally:
        server.stop()
        with server_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def state(database, page_id, target_id):
    """Everything a publish of page ``page_id`` writes, read from ``database``."""
    with server_connection(database) as connection:

        def rows(sql, *params):
            return [list(row) for row in connection.execute(sql, params).fetchall()]

        [page] = rows(
            "SELECT title, draft_title, live, live_revision_id, latest_revision_id,"
            " has_unpublished_changes FROM wagtailcore_page WHERE id = %s",
            page_id,
        )
        [content] = rows(
            "SELECT intro, faqs::text FROM badgecms_home_badgelandingpage WHERE page_ptr_id = %s",
            page_id,
        )
        live_revision_title = rows(
            "SELECT content->>'title' FROM wagtailcore_revision WHERE id = %s", page[3]
        )
        return {
            "page": dict(
                zip(
                    [
                        "title",
                        "draft_title",
                        "live",
                        "live_revision",
                        "latest_revision",
                        "unpublished_changes",
                    ],
                    page,
                    strict=True,
                )
            ),  # fmt: skip
            "content": content,
            "live_revision_title": live_revision_title,
            "revisions": rows(
                "SELECT id, content->>'title' FROM wagtailcore_revision"
                " WHERE object_id = %s ORDER BY id",
                str(page_id),
            ),
            "log": rows(
                "SELECT action, revision_id FROM wagtailcore_pagelogentry"
                " WHERE page_id = %s ORDER BY id",
                page_id,
            ),
            "search": rows(
                "SELECT model, title::text FROM wagtailsearch_indexentry"
                " JOIN django_content_type ON content_type_id = django_content_type.id"
                " WHERE object_id = %s AND model IN ('page', 'badgelandingpage')",
                str(page_id),
            ),
            "references": rows(
                "SELECT model_path FROM wagtailcore_referenceindex"
                " WHERE object_id = %s AND to_object_id = %s AND to_content_type_id ="
                " (SELECT id FROM django_content_type WHERE app_label = 'wagtailcore'"
                " AND model = 'page')",
                str(page_id),
                str(target_id),
            ),
            "events": rows(
                "SELECT args_kwargs->'args'->1->>'type',"
                " args_kwargs->'args'->1->'data'->'page'->>'title'"
                " FROM django_tasks_database_dbtaskresult"
                " WHERE task_path LIKE '%%fan_out' ORDER BY enqueued_at, id"
            ),
        }


def assert_whole_publish(after, before, title):
    """``after`` holds one publish more than ``before``, complete: a new revision titled
    ``title``, live and latest, in the page row and content; its log entries; the search
    and reference index; one ``page.published`` event."""
    [(revision, revision_title)] = after["revisions"][len(before["revisions"]) :]
    assert after["revisions"][: len(before["revisions"])] == before["revisions"]
    assert revision_title == title
    assert after["page"] == {
        "title": title,
        "draft_title": title,
        "live": True,
        "live_revision": revision,
        "latest_revision": revision,
        "unpublished_changes": False,
    }
    assert after["live_revision_title"] == [[title]]
    assert NEW_QUESTION in after["content"][1]
    new_log = after["log"][len(before["log"]) :]
    assert after["log"][: len(before["log"])] == before["log"]
    assert new_log[0] == ["wagtail.edit", revision]
    assert new_log[-1] == ["wagtail.publish", revision]
    assert {entry[1] for entry in new_log} == {revision}
    assert after["search"] == [["badgelandingpage", SEARCH_TITLE]]
    assert after["references"] == [["faqs.faq.answer"]]  # the new answer's link
    assert after["events"] == [*before["events"], ["page.published", title]]


def worker_pid(server):
    """The pid of the gunicorn server's one worker (the arbiter's child)."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    deadline = time.monotonic() + 60
    while True:
        pids = children.read_text().split()
        if len(pids) == 1:
            return int(pids[0])
        assert time.monotonic() < deadline, pids
        time.sleep(0.05)


def wait_for(find, what, seconds=60):
    """Call ``find`` until it returns something true; return that."""
    deadline = time.monotonic() + seconds
    while not (found := find()):
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.05)
    return found


def publish_form(browser, page_id, target_id):
    """What the editor's browser posts to publish ``page_id`` with a new title and one
    FAQ item more, whose answer links to the page ``target_id``."""
    status, _, html = browser.get(f"/admin/pages/{page_id}/edit/")
    assert status == 200
    faqs = [
        (item["question"], item["answer"])
        for item in browser.server.json(f"/api/v1/pages/{page_id}/")["faqs"]
    ]
    faqs.append((NEW_QUESTION, page_link(target_id, "See the target page.")))
    return {
        **rendered_form(html),
        **faq_stream(faqs),
        "title": NEW_TITLE,
        "action-publish": "action-publish",
    }


def page_link(page_id, text):
    """Draftail contentstate of one paragraph ``text`` linking to the page ``page_id``
    (what the editor posts after choosing an internal link)."""
    return {
        "blocks": [
            {
                "key": "t1",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"id": page_id, "url": "/"}}
        },
    }


def served(server, page_id):
    """``(title, FAQ questions)`` of the API detail, and the HTML page's status and
    whether it shows the new title."""
    detail = server.json(f"/api/v1/pages/{page_id}/")
    status, html = server.get("/")
    return detail["title"], [item["question"] for item in detail["faqs"]], status, NEW_TITLE in html


@pytest.mark.parametrize(
    ("lock", "statement", "outcome"),
    [point[1:] for point in KILL_POINTS],
    ids=[point[0] for point in KILL_POINTS],
)
def test_a_publish_killed_half_way_is_whole_or_absent(site, lock, statement, outcome):
    database, server, ids = site
    page_id, target_id = ids["page"], ids["target"]
    browser = Browser(server, "editor", "password")
    form = publish_form(browser, page_id, target_id)
    old_title, old_questions, *_ = served(server, page_id)  # the response cache is warm
    before = state(database, page_id, target_id)
    worker = worker_pid(server)

    locker = server_connection(database)
    locker.autocommit = False
    answer = {}
    try:
        locker.execute(lock)
        post = threading.Thread(
            target=lambda: answer.update(result=_post(browser, page_id, form)), daemon=True
        )
        post.start()
        locker_pid = locker.info.backend_pid
        with server_connection(database) as watcher:
            [(backend, query)] = wait_for(
                lambda: watcher.execute(
                    "SELECT pid, query FROM pg_stat_activity"
                    " WHERE datname = %s AND wait_event_type = 'Lock'"
                    " AND %s = ANY(pg_blocking_pids(pid))",
                    (database, locker_pid),
                ).fetchall(),
                "the worker to wait for the lock",
            )
            assert query.lstrip().startswith(statement), query
            os.kill(worker, signal.SIGKILL)
            locker.rollback()
            # The backend finishes the statement it was given, then finds its client
            # gone: a transaction without COMMIT is rolled back.
            wait_for(
                lambda: (
                    not watcher.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (backend,)
                    ).fetchall()
                ),
                "the killed worker's backend to end",
            )
        post.join(timeout=60)
    finally:
        locker.close()
    assert isinstance(answer["result"], OSError), answer  # the editor got no answer

    after_kill = state(database, page_id, target_id)
    if outcome == "absent":
        assert after_kill == before
    else:
        assert_whole_publish(after_kill, before, NEW_TITLE)

    # gunicorn started another worker; it serves what the database holds.
    assert wait_for(lambda: worker_pid(server) != worker, "a new worker")
    if outcome == "absent":
        assert served(server, page_id) == (old_title, old_questions, 200, False)
    else:
        assert served(server, page_id) == (NEW_TITLE, [*old_questions, NEW_QUESTION], 200, True)

    # The editor publishes again, from a freshly loaded form: it succeeds, whole.
    retry = publish_form(browser, page_id, target_id)
    status, headers, _ = browser.post(f"/admin/pages/{page_id}/edit/", retry)
    assert status == 302, status
    if outcome == "absent":
        assert_whole_publish(state(database, page_id, target_id), before, NEW_TITLE)
    title, questions, html_status, new_title_shown = served(server, page_id)
    assert (title, questions[-1], html_status, new_title_shown) == (
        NEW_TITLE,
        NEW_QUESTION,
        200,
        True,
    )


def _post(browser, page_id, form):
    try:
        return browser.post(f"/admin/pages/{page_id}/edit/", form)
    except OSError as error:
        return error
