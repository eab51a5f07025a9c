"""Editorial roles of the landing pages: the "Badge editors" and "Badge publishers" groups,
their Wagtail page permissions, and the "Badge page review" moderation workflow.

How it works: docs/architecture.md, section ``badgecms.home.editors.roles``.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from badgecms.home.models import BadgeLandingPage

EDITORS_GROUP = "Badge editors"
PUBLISHERS_GROUP = "Badge publishers"
REVIEW_WORKFLOW = "Badge page review"
REVIEW_TASK = "Approval by a badge publisher"

#: Wagtail page permissions (``wagtailcore`` codenames) of each group on the landing
#: pages and their descendants. ``change_page`` covers editing, saving drafts, preview
#: and submitting for review; ``publish_page`` covers publishing and unpublishing.
PAGE_PERMISSIONS = {
    EDITORS_GROUP: ["add_page", "change_page"],
    PUBLISHERS_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
#: Image and document permissions on the root collection (for the badge image and for
#: documents linked from answers).
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


@dataclass
class RolesResult:
    """What :func:`install_roles` set up: group names and the pages they apply to."""

    groups: list[str] = field(default_factory=list)
    pages: list[BadgeLandingPage] = field(default_factory=list)
    workflow: Workflow | None = None

    @property
    def summary(self):
        """``"Roles: Badge editors, Badge publishers; workflow “Badge page review” on /home/"``."""
        where = ", ".join(page.url_path for page in self.pages) or "no landing page yet"
        return f"Roles: {', '.join(self.groups)}; workflow “{self.workflow.name}” on {where}"


def top_level_landing_pages():
    """Return the landing pages that have no landing page above them, in tree order.

    Page permissions and workflows given on these pages cover every landing page.
    """
    roots = []
    for page in BadgeLandingPage.objects.order_by("path"):
        if not any(page.path.startswith(root.path) for root in roots):
            roots.append(page)
    return roots


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def install_roles():
    """Create or update the groups, their permissions and the review workflow.

    Idempotent: running it again changes nothing but adds the pages that appeared since.
    Returns a :class:`RolesResult`.
    """
    result = RolesResult()
    pages = top_level_landing_pages()
    access_admin = _permission("wagtailadmin", "access_admin")
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for page in pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_permission("wagtailcore", codename)
                )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(app_label, codename),
            )
        groups[name] = group
        result.groups.append(name)

    task, _ = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    task.groups.set([groups[PUBLISHERS_GROUP]])
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    result.workflow = workflow
    result.pages = pages
    return result
