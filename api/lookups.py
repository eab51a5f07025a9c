"""What the content API may show: the public landing pages of the requested site.

A page is public as :mod:`badgecms.home.visibility` defines it (live, not expired, not
under a view restriction); the API shows those inside the requested site's tree. Every
endpoint starts from :func:`public_landing_pages`, so no draft, expired or restricted
page can appear in a detail, a listing, a count or a search result.
"""

import re

from wagtail.models import Site

from badgecms.api.errors import InvalidParameter
from badgecms.home.models import BadgeLandingPage
from badgecms.home.visibility import public_q


def public_landing_pages(site=None, *, searchable=True):
    """Return a ``PageQuerySet`` of the landing pages anyone may see.

    ``site``: a :class:`wagtail.models.Site`; when given, only pages in its tree (its
    root page included) are returned. Badge images are joined in the same query and
    certification links and badge choices are prefetched in page order.
    ``searchable=False`` when the pages are not passed to Wagtail search: view
    restrictions are then checked inside the page query instead of by a query of their
    own (see :func:`badgecms.home.visibility.unrestricted_q`).
    """
    pages = (
        BadgeLandingPage.objects.filter(public_q(searchable=searchable))
        .select_related("badge_image")
        .prefetch_related("certification_links", "badges")
    )
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages


def parse_site_parameter(value):
    """Split ``"host"`` or ``"host:port"`` into ``(hostname, port or None)``.

    Raises :class:`~badgecms.api.errors.InvalidParameter` for ``site`` when the port is not a
    number from 1 to 65535.
    """
    hostname, separator, port = value.strip().lower().rpartition(":")
    if not separator or "]" in port:
        return value.strip().lower(), None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidParameter("site", "Query parameter “site”: the port must be 1 to 65535.")
    return hostname, int(port)


def requested_site(request, site_parameter=None):
    """Return the :class:`~wagtail.models.Site` a request asks for.

    With ``site_parameter`` (the ``?site=`` value, ``"host"`` or ``"host:port"``) the
    site with that hostname (and port); a hostname shared by several sites picks the
    default site, then the lowest port. Without it, Wagtail's own choice for the
    request's ``Host`` header (:meth:`Site.find_for_request`), which falls back to the
    default site. Raises :class:`~badgecms.api.errors.InvalidParameter` for ``site`` when no
    site matches (or no site exists at all).
    """
    if site_parameter is None:
        site = Site.find_for_request(request)
        if site is None:
            raise InvalidParameter("site", "No site is configured; pass ?site=<hostname>.")
        return site
    hostname, port = parse_site_parameter(site_parameter)
    sites = Site.objects.filter(hostname__iexact=hostname).select_related("root_page")
    if port is not None:
        sites = sites.filter(port=port)
    site = sites.order_by("-is_default_site", "port").first()
    if site is None:
        raise InvalidParameter(
            "site", f"Query parameter “site”: no site has the hostname “{site_parameter}”."
        )
    return site


def search_words(text):
    """Return the words of a search string (letters, digits, ``_``), in order.

    Only words reach the search backend: quotes, brackets and operators are dropped, as
    the backends' query syntaxes differ (a lone ``"`` breaks SQLite's FTS5 syntax).
    """
    return re.findall(r"\w+", text or "")


def search_pages(pages, text, order_by_relevance=True):
    """Return Wagtail search results of ``pages`` for the words of ``text``, or no pages
    when ``text`` holds no word. Every word must match (``AND``)."""
    words = search_words(text)
    if not words:
        return pages.none()
    return pages.search(" ".join(words), operator="and", order_by_relevance=order_by_relevance)
