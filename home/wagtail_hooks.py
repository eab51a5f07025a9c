"""Wagtail hooks of ``home``: page serving rules shared with the content API."""

from django.http import Http404
from django.utils import timezone
from wagtail import hooks


@hooks.register("before_serve_page")
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """Serve 404 for a page whose ``expire_at`` has passed, even while it is still live
    (Wagtail unpublishes expired pages only when ``publish_scheduled`` runs), so the
    HTML site hides exactly what the content API hides."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404
