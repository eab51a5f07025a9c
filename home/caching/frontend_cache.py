"""CDN purge through Wagtail's frontend cache (``wagtail.contrib.frontend_cache``).

How it works: docs/architecture.md, section ``badgecms.home.caching.frontend_cache``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

#: Sent with ``locations`` (a list of :class:`PageLocation`) and ``batch`` (the
#: ``PurgeBatch`` about to be purged); receivers add the URLs that show those pages.
collect_purge_urls = Signal()


@dataclass(frozen=True)
class PageLocation:
    """Where a page is (or was) shown: its ``page_id``, the ``root_url`` of a site
    (``"https://example.org"``) and the page's ``path`` inside that site (``"/badges/"``)."""

    page_id: int
    root_url: str
    path: str

    @property
    def url(self):
        """The page's full URL at this location."""
        return self.root_url + self.path


def is_configured():
    """True when a frontend cache backend is configured (``WAGTAILFRONTENDCACHE``)."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_locations(page_id, url_path):
    """The :class:`PageLocation` of a page with tree URL path ``url_path`` on every site
    whose root page contains it (Wagtail's cached site root paths)."""
    return [
        PageLocation(page_id, root.root_url, url_path[len(root.root_path) - 1 :])
        for root in Site.get_site_root_paths()
        if url_path.startswith(root.root_path)
    ]


def _linking_locations(page_ids):
    """Locations of the live pages whose content links to any of ``page_ids``."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.objects.filter(
        to_content_type=page_type,
        to_object_id__in=[str(page_id) for page_id in page_ids],
        base_content_type=page_type,
    )
    ids = {int(page_id) for page_id in references.values_list("object_id", flat=True)}
    pages = Page.objects.filter(id__in=ids).live().only("id", "url_path") if ids else []
    return [location for page in pages for location in page_locations(page.id, page.url_path)]


def _subtree(page, url_path_before=None):
    """Locations of ``page`` and its live descendants, at ``url_path_before`` instead of
    their current URL path when given."""
    pages = [page, *Page.objects.descendant_of(page).live().only("id", "url_path")]
    locations = []
    for each in pages:
        url_path = each.url_path
        if url_path_before is not None:
            url_path = url_path_before + url_path[len(page.url_path) :]
        locations += page_locations(each.id, url_path)
    return locations


def purge_after_commit(locations):
    """Purge, once the current transaction commits, the URLs showing ``locations`` (a
    list of :class:`PageLocation`), those of the API included."""
    if not locations or not is_configured():
        return
    batch = PurgeBatch(location.url for location in locations)
    collect_purge_urls.send(sender=PageLocation, locations=list(locations), batch=batch)
    transaction.on_commit(batch.purge)


def page_changed(sender, instance, **kwargs):
    """``page_published`` / ``page_unpublished`` / ``pre_delete`` of a live page: purge
    the page and the live pages linking to it."""
    if is_configured() and (kwargs.get("signal") is not pre_delete or instance.live):
        locations = page_locations(instance.id, instance.url_path)
        purge_after_commit(locations + _linking_locations([instance.id]))


def _url_changed(page, url_path_before):
    """Purge the old and the new URLs of ``page`` and its descendants, and the live pages
    linking to any of them (their links change)."""
    after = _subtree(page)
    before = _subtree(page, url_path_before)
    purge_after_commit(before + after + _linking_locations({each.page_id for each in after}))


def page_slug_was_changed(sender, instance, instance_before, **kwargs):
    """``page_slug_changed`` (sent by Wagtail after the commit)."""
    if is_configured() and instance.live:
        _url_changed(instance, instance_before.url_path)


def page_was_moved(sender, instance, url_path_before, **kwargs):
    """``post_page_move``."""
    if is_configured() and instance.live:
        _url_changed(instance, url_path_before)


def restriction_changed(sender, instance, **kwargs):
    """``PageViewRestriction`` saved or deleted: purge the subtree it covers and the
    live pages linking into it."""
    if not is_configured():
        return
    page = Page.objects.filter(id=instance.page_id).first()
    if page is not None:
        locations = _subtree(page)
        purge_after_commit(locations + _linking_locations({each.page_id for each in locations}))


def connect_receivers():
    """Connect the receivers above; called once from ``HomeConfig.ready``."""
    for signal in (page_published, page_unpublished):
        signal.connect(page_changed, dispatch_uid="purge-page")
    pre_delete.connect(page_changed, sender=Page, dispatch_uid="purge-page-delete")
    page_slug_changed.connect(page_slug_was_changed, dispatch_uid="purge-slug")
    post_page_move.connect(page_was_moved, dispatch_uid="purge-move")
    for signal in (post_save, post_delete):
        signal.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="purge-pvr")
