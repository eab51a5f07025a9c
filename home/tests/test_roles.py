"""Editorial roles (issue 7, point 2): the groups, their page permissions and the
"Badge page review" workflow; an editor cannot publish, a publisher approves."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState

from badgecms.home.editors.roles import (
    EDITORS_GROUP,
    PUBLISHERS_GROUP,
    REVIEW_TASK,
    REVIEW_WORKFLOW,
)
from badgecms.home.models import BadgeLandingPage
from tests.helpers.editor_forms import editor_form_data

pytestmark = pytest.mark.django_db


def page_permissions(group_name):
    return sorted(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "page__url_path", "permission__codename"
        )
    )


def test_setup_roles_creates_groups_permissions_and_workflow(seed_page):
    out = StringIO()
    call_command("setup_roles", stdout=out)
    assert out.getvalue().strip() == (
        "Roles: Badge editors, Badge publishers; workflow “Badge page review” on /home/"
    )
    assert page_permissions(EDITORS_GROUP) == [("/home/", "add_page"), ("/home/", "change_page")]
    assert page_permissions(PUBLISHERS_GROUP) == [
        ("/home/", "add_page"),
        ("/home/", "change_page"),
        ("/home/", "lock_page"),
        ("/home/", "publish_page"),
        ("/home/", "unlock_page"),
    ]
    for name in (EDITORS_GROUP, PUBLISHERS_GROUP):
        assert list(
            Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        ) == ["access_admin"]
    assignment = WorkflowPage.objects.get(page=seed_page)
    assert assignment.workflow.name == REVIEW_WORKFLOW
    assert assignment.workflow.active
    tasks = [task.specific for task in assignment.workflow.tasks]
    assert [task.name for task in tasks] == [REVIEW_TASK]
    assert [group.name for group in tasks[0].groups.all()] == [PUBLISHERS_GROUP]


def test_setup_roles_is_idempotent_and_setup_demo_runs_it(site):
    call_command("setup_demo", "--no-admin", stdout=StringIO())
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    )
    call_command("setup_demo", "--no-admin", stdout=StringIO())
    call_command("setup_roles", stdout=StringIO())
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    ) == counts
    assert page_permissions(EDITORS_GROUP) == [("/home/", "add_page"), ("/home/", "change_page")]


def test_editor_cannot_publish_through_the_edit_view(seed_page, editor, client):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[seed_page.id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, editor_form_data(seed_page, title="Changed by the editor", action="publish")
    )
    assert response.status_code == 302
    seed_page.refresh_from_db()
    assert seed_page.title == "Digital Badges"  # the live title is unchanged
    assert seed_page.has_unpublished_changes
    assert seed_page.get_latest_revision_as_object().title == "Changed by the editor"
    assert not seed_page.permissions_for_user(editor).can_publish()


def submit_for_review(client, page, **fields):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]),
        editor_form_data(page, action="submit", **fields),
    )
    assert response.status_code == 302
    return WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.id))


def test_publisher_approves_what_an_editor_submitted(seed_page, editor, publisher, client):
    client.force_login(editor)
    state = submit_for_review(client, seed_page, title="Reviewed title")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == REVIEW_WORKFLOW
    task_state = state.current_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[seed_page.id, "approve", task_state.id]
    )

    # The editor may not approve their own submission: Wagtail refuses and redirects.
    response = client.post(approve_url, {"comment": ""})
    assert (response.status_code, response.url) == (302, "/admin/")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert BadgeLandingPage.objects.get(id=seed_page.id).title == "Digital Badges"

    client.force_login(publisher)
    response = client.post(approve_url, {"comment": "Looks good"})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page = BadgeLandingPage.objects.get(id=seed_page.id)
    assert page.title == "Reviewed title"
    assert not page.has_unpublished_changes
    assert "Reviewed title" in client.get("/").content.decode()


def test_users_outside_the_groups_cannot_edit(seed_page, roles, make_user, client):
    outsider = make_user("outsider")
    outsider.user_permissions.add(
        Group.objects.get(name=EDITORS_GROUP).permissions.get(codename="access_admin")
    )
    client.force_login(outsider)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[seed_page.id]))
    assert response.status_code == 302  # Wagtail sends it back with "permission denied"
    assert not seed_page.permissions_for_user(outsider).can_edit()
