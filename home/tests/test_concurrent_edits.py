"""No lost edits: two editors on the same page through Wagtail's editor.

Wagtail 8 tells the second editor, through the editing session the edit view keeps alive
(``/admin/editing-sessions/ping/…``), that someone "saved a new version"; refuses an
autosave built on an out-of-date revision ("Saving will overwrite a newer version.");
keeps every explicit save as its own revision; and refuses every save while another
editor holds the page lock. The last test saves truly at the same time, on PostgreSQL.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from wagtail.models import PageLogEntry, Revision

from badgecms.home.models import BadgeLandingPage
from tests.helpers.editor_sessions import EditorSession, make_editor

ALICE_INTRO = '{"blocks": [{"key": "a1", "type": "unstyled", "depth": 0, "text": "Alice\'s intro", "inlineStyleRanges": [], "entityRanges": [], "data": {}}], "entityMap": {}}'  # noqa: E501
BOB_INTRO = ALICE_INTRO.replace("Alice", "Bob").replace('"a1"', '"b1"')


def text_of(revision):
    return revision.as_object().intro


def publish_history(page):
    return list(
        PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        .order_by("timestamp", "id")
        .values_list("revision_id", "user__username")
    )


@pytest.fixture
def alice_and_bob(seed_page):
    alice, bob = Client(), Client()
    alice.force_login(make_editor("alice"))
    bob.force_login(make_editor("bob"))
    return EditorSession(alice, seed_page), EditorSession(bob, seed_page)


@pytest.mark.django_db
class TestTwoEditors:
    def test_second_editor_is_told_and_no_revision_is_lost(self, seed_page, alice_and_bob):
        alice, bob = alice_and_bob
        first_revision = seed_page.latest_revision_id
        history_before = publish_history(seed_page)
        assert alice.loaded_revision_id == bob.loaded_revision_id == str(first_revision)
        assert [s["user"] for s in alice.ping()["other_sessions"]] == ["Bob"]

        assert alice.save(publish=True, intro=ALICE_INTRO).status_code == 302
        alice_revision = BadgeLandingPage.objects.get(id=seed_page.id).latest_revision

        # Bob's tab learns about it at its next ping: Wagtail's conflict notice.
        notice = bob.ping()
        assert notice["other_sessions"][0]["user"] == "Alice"
        assert notice["other_sessions"][0]["revision_id"] == alice_revision.id
        assert "Alice saved a new version" in " ".join(notice["html"].split())

        # Bob's autosave from the old revision is refused and writes nothing.
        refused = bob.save(json_response=True, intro=BOB_INTRO)
        assert refused.status_code == 400
        assert refused.json() == {
            "success": False,
            "error_code": "invalid_revision",
            "error_message": "Saving will overwrite a newer version.",
        }
        assert Revision.page_revisions.filter(object_id=str(seed_page.id)).count() == 2

        # Bob saves anyway (the editor's "Save" after the warning): a new revision.
        assert bob.save(intro=BOB_INTRO).status_code == 302
        page = BadgeLandingPage.objects.get(id=seed_page.id)
        revisions = list(page.revisions.order_by("created_at", "id"))
        assert [revision.id for revision in revisions[:2]] == [first_revision, alice_revision.id]
        assert [text_of(r) for r in revisions[1:]] == [
            '<p data-block-key="a1">Alice\'s intro</p>',
            '<p data-block-key="b1">Bob\'s intro</p>',
        ]
        assert [r.user.username for r in revisions[1:]] == ["alice", "bob"]
        # The live page is Alice's published version; Bob's is a draft on top of it.
        assert page.live_revision_id == alice_revision.id
        assert page.intro == '<p data-block-key="a1">Alice\'s intro</p>'
        assert page.has_unpublished_changes
        assert publish_history(page) == [*history_before, (alice_revision.id, "alice")]

    def test_a_locked_page_refuses_the_other_editor(self, seed_page, alice_and_bob):
        alice, bob = alice_and_bob
        response = alice.client.post(f"/admin/pages/{seed_page.id}/lock/")
        assert response.status_code == 302
        revisions_before = seed_page.revisions.count()

        refused = bob.save(intro=BOB_INTRO)
        assert refused.status_code == 200
        messages = [str(message).strip() for message in refused.context["messages"]]
        assert "The page could not be saved as it is locked." in messages
        autosave = bob.save(json_response=True, intro=BOB_INTRO)
        assert autosave.status_code == 400
        assert autosave.json()["error_code"] == "locked"
        assert seed_page.revisions.count() == revisions_before

        assert alice.save(intro=ALICE_INTRO).status_code == 302
        assert seed_page.revisions.count() == revisions_before + 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_publishes_keep_every_revision(seed_page):
    """Two editors press Publish at the same moment, each on their own connection."""
    sessions = []
    for name in ("alice", "bob"):
        client = Client()
        client.force_login(make_editor(name))
        sessions.append((name, EditorSession(client, seed_page)))
    revisions_before = seed_page.revisions.count()
    history_before = publish_history(seed_page)
    barrier = threading.Barrier(len(sessions))
    statuses = {}

    def publish(name, session):
        try:
            intro = ALICE_INTRO.replace("Alice", name.title())
            barrier.wait(timeout=30)
            statuses[name] = session.save(publish=True, intro=intro).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=session) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert statuses == {"alice": 302, "bob": 302}
    page = BadgeLandingPage.objects.get(id=seed_page.id)
    new_revisions = list(page.revisions.order_by("id"))[revisions_before:]
    assert sorted(r.user.username for r in new_revisions) == ["alice", "bob"]
    assert sorted(text_of(r) for r in new_revisions) == [
        '<p data-block-key="a1">Alice\'s intro</p>',
        '<p data-block-key="a1">Bob\'s intro</p>',
    ]
    history = publish_history(page)
    assert history[: len(history_before)] == history_before
    assert sorted(history[len(history_before) :]) == sorted(
        (r.id, r.user.username) for r in new_revisions
    )
    # The live page is exactly one of the two published revisions, not a mixture.
    live = page.live_revision
    assert live in new_revisions
    assert page.intro == text_of(live)
    assert page.latest_revision_id in {r.id for r in new_revisions}
