"""Sync of badges from an organisation's Credly badge templates, shared by the
``sync_credly_badges`` command and the admin's "Sync from Credly" action.

How it works: docs/architecture.md, section ``badgecms.home.badges.sync``.
"""

from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model

from badgecms.home.badges.credly import CredlyClient, CredlyError
from badgecms.home.badges.models import Badge, BadgeActivity
from badgecms.home.media_storage import is_disk_full

__all__ = ["CredlyError", "SyncReport", "sync_badge_templates"]


@dataclass
class SyncReport:
    """What a sync did: badge names ``created``, ``updated``, ``retired``, and the count
    of ``unchanged`` ones."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    retired: list = field(default_factory=list)
    unchanged: int = 0

    def __str__(self):
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.retired)} retired, {self.unchanged} unchanged."
        )


def _text(value):
    return str(value).strip() if value not in (None, False) else ""


def _skills(template):
    names = []
    for skill in template.get("skills") or []:
        name = skill.get("name") if isinstance(skill, dict) else skill
        if _text(name):
            names.append(_text(name)[:100])
    return sorted(set(names))


def _is_offered(template):
    return template.get("state") == "active" and template.get("public", True) is not False


def _fields(template):
    """The badge fields a Credly template sets (Credly's documented template keys)."""
    description = _text(template.get("description"))
    return {
        "name": _text(template.get("name"))[:255],
        "description": f"<p>{escape(description)}</p>" if description else "",
        "level": _text(template.get("level"))[:100],
        "badge_type": _text(template.get("type_category"))[:100],
        "time_to_earn": _text(template.get("time_to_earn"))[:100],
        "cost": _text(template.get("cost"))[:100],
        "criteria_url": _text(template.get("global_activity_url")),
        "earn_url": _text(template.get("earn_this_badge_url"))
        if template.get("enable_earn_this_badge")
        else "",
        "credly_url": _text(template.get("url")),
    }


def _activities(template):
    return [
        (
            _text(item.get("activity_type"))[:100],
            _text(item.get("title"))[:255],
            _text(item.get("url")),
        )
        for item in template.get("badge_template_activities") or []
        if isinstance(item, dict) and _text(item.get("title"))
    ]


def _prerequisite_ids(template):
    return sorted(
        _text(item.get("required_badge_template_id"))
        for item in template.get("badge_template_activities") or []
        if isinstance(item, dict) and item.get("required_badge_template_id")
    )


def _unique_slug(template, taken):
    base = (
        slugify(_text(template.get("vanity_slug")) or _text(template.get("name")))[:240] or "badge"
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _state(badge):
    return (
        {name: getattr(badge, name) for name in _fields({})},
        [(a.activity_type, a.title, a.url) for a in badge.activities.all()],
        badge.skill_names(),
        sorted(prerequisite.credly_template_id or "" for prerequisite in badge.prerequisites.all()),
    )


def sync_badge_templates(organization_id, client=None):
    """Create, update and retire badges from the badge templates of Credly organisation
    ``organization_id``; return a :class:`SyncReport`.

    ``client``: a :class:`~badgecms.home.badges.credly.CredlyClient` (default: from the
    settings). Raises :class:`CredlyError` (one sentence) and changes nothing when Credly
    fails or answers something malformed, or when the badge images do not fit on the
    media disk; no image file of a failed sync is left behind.
    """
    client = client or CredlyClient()
    templates = client.badge_templates(organization_id)
    existing = {
        badge.credly_template_id: badge
        for badge in Badge.objects.filter(credly_template_id__in=[str(t["id"]) for t in templates])
    }
    images = {}
    for template in templates:
        url = _text(template.get("image_url"))
        badge = existing.get(str(template["id"]))
        if _is_offered(template) and url and (badge is None or badge.credly_image_url != url):
            images[url] = client.image(url)
    stored = []
    try:
        with transaction.atomic():
            return _apply(templates, existing, images, stored)
    except BaseException as error:
        # The rows are rolled back, the image files written before the failure are not.
        for file in stored:
            file.storage.delete(file.name)
        if is_disk_full(error):
            raise CredlyError(
                "There is not enough space on the media disk for the badge images; nothing "
                "was changed."
            ) from error
        raise


def _apply(templates, existing, images, stored):
    report = SyncReport()
    taken = set(Badge.objects.values_list("slug", flat=True))
    offered = []
    created = set()
    for template in templates:
        template_id = str(template["id"])
        badge = existing.get(template_id)
        if not _is_offered(template):
            if badge is not None and badge.live:
                badge.unpublish()
                report.retired.append(badge.name)
            continue
        if badge is None:
            badge = Badge(credly_template_id=template_id, slug=_unique_slug(template, taken))
            badge.live = False
            badge.save()
            report.created.append(template["name"])
            created.add(template_id)
        offered.append((template, badge))
    by_template = {badge.credly_template_id: badge for _, badge in offered}
    for template, badge in offered:
        before = _state(badge)
        for name, value in _fields(template).items():
            setattr(badge, name, value)
        badge.activities = [
            BadgeActivity(activity_type=kind, title=title, url=url, sort_order=number)
            for number, (kind, title, url) in enumerate(_activities(template))
        ]
        badge.skills.set(_skills(template))
        badge.prerequisites.set(
            [by_template[i] for i in _prerequisite_ids(template) if i in by_template]
        )
        url = _text(template.get("image_url"))
        if url in images:
            content, extension = images[url]
            badge.image = get_image_model().objects.create(
                title=badge.name,
                description=f"{badge.name} badge",
                file=ImageFile(
                    BytesIO(content), name=f"credly-{badge.credly_template_id}.{extension}"
                ),
            )
            stored.append(badge.image.file)
            badge.credly_image_url = url
        changed = _state(badge) != before or url in images or not badge.live
        if not changed:
            report.unchanged += 1
            continue
        badge.save_revision().publish()
        if badge.credly_template_id not in created:
            report.updated.append(badge.name)
    return report
