"""Wagtail's page signals turned into webhook events (connected once, from
``ApiConfig.ready``). Each handler computes the payload while the page is at hand and
:func:`~badgecms.api.webhooks.events.emit` sends it after the commit."""

import threading

from django.db.models.signals import post_delete, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from badgecms.api.webhooks.events import emit, page_data, page_event_data
from badgecms.api.webhooks.models import EventType
from badgecms.home.caching.frontend_cache import _subtree as subtree_locations

#: Ids of the pages being deleted in this thread: Wagtail unpublishes a live page in its
#: own ``pre_delete`` receiver (after this app's), which must not add a
#: ``page.unpublished`` to the ``page.deleted``.
_deleting = threading.local()


def _pages_being_deleted():
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


def page_was_published(sender, instance, revision=None, **kwargs):
    """``page_published``: ``page.go_live`` when a scheduled revision went live
    (``publish_scheduled``; the revision still carries its approved go-live time),
    ``page.published`` otherwise; nothing when the page is not live (Wagtail sends the
    signal too when a page that is not live is only scheduled: nothing shown changed)."""
    if not instance.live:
        return
    scheduled = revision is not None and revision.approved_go_live_at is not None
    event = EventType.PAGE_GO_LIVE if scheduled else EventType.PAGE_PUBLISHED
    emit(event, page_event_data(instance))


def page_was_unpublished(sender, instance, **kwargs):
    """``page_unpublished``: ``page.expired`` when its expiry time unpublished it (none
    when the page is being deleted)."""
    if instance.id in _pages_being_deleted():
        return
    event = EventType.PAGE_EXPIRED if instance.expired else EventType.PAGE_UNPUBLISHED
    emit(event, page_event_data(instance))


def page_will_be_deleted(sender, instance, **kwargs):
    """``pre_delete`` of a live page (drafts were never shown): ``page.deleted``."""
    if instance.live:
        _pages_being_deleted().add(instance.id)
        emit(EventType.PAGE_DELETED, page_event_data(instance))


def page_was_deleted(sender, instance, **kwargs):
    """``post_delete``: forget the page of :func:`page_will_be_deleted`."""
    _pages_being_deleted().discard(instance.id)


def _url_changed(page, url_path_before):
    before = subtree_locations(page, url_path_before)
    emit(EventType.PAGE_MOVED, page_data(page, subtree_locations(page), before))


def page_slug_was_changed(sender, instance, instance_before, **kwargs):
    """``page_slug_changed`` of a live page: ``page.moved`` (a rename)."""
    if instance.live:
        _url_changed(instance, instance_before.url_path)


def page_was_moved(sender, instance, url_path_before, **kwargs):
    """``post_page_move`` of a live page: ``page.moved``."""
    if instance.live and instance.url_path != url_path_before:
        _url_changed(instance, url_path_before)


def connect_receivers():
    """Connect the receivers above (idempotent: each has a ``dispatch_uid``)."""
    page_published.connect(page_was_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(page_was_unpublished, dispatch_uid="webhooks-unpublished")
    pre_delete.connect(page_will_be_deleted, sender=Page, dispatch_uid="webhooks-deleted")
    post_delete.connect(page_was_deleted, sender=Page, dispatch_uid="webhooks-forget-deleted")
    page_slug_changed.connect(page_slug_was_changed, dispatch_uid="webhooks-slug")
    post_page_move.connect(page_was_moved, dispatch_uid="webhooks-moved")
