"""CDN purge of the content API's URLs: adds, to each purge of
:mod:`badgecms.home.caching.frontend_cache`,
the JSON URLs that show the pages being purged.

How it works: docs/architecture.md, section ``badgecms.api.purge``.
"""

from urllib.parse import quote

from django.dispatch import receiver
from django.urls import reverse

from badgecms.home.caching.frontend_cache import collect_purge_urls


def content_api_urls(location):
    """The content API URLs (absolute) that show the page at ``location``."""
    root = location.root_url
    return [
        root + reverse("badgecms_api:page-detail", args=[location.page_id]),
        root + reverse("badgecms_api:page-by-path") + "?path=" + quote(location.path, safe="/"),
        root + reverse("badgecms_api:page-list"),
        root + reverse("badgecms_api:faq-list"),
        root + reverse("badgecms_api:faq-list") + f"?page={location.page_id}",
    ]


@receiver(collect_purge_urls, dispatch_uid="api-purge-urls")
def add_content_api_urls(sender, locations, batch, **kwargs):
    """Add the content API URLs of every location to the purge ``batch``."""
    for location in locations:
        batch.add_urls(content_api_urls(location))
