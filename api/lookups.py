"""What the content API may show: the public landing pages of the requested site.

A page is public as :mod:`badgecms.home.visibility` defines it (live, not expired, not
under a view restriction); the API shows those inside the requested site's tree. Every
endpoint starts from :func:`public_landing_pages`, so no draft, expired or restricted
page can appear in a detail, a listing, a count or a search result; the detail and
by-path endpoints call :func:`public_landing_page`, the same filter as a query compiled
once per process (api/tests/test_prepared_lookups.py holds the two to the same pages).
"""

import re
from datetime import datetime

from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Site

from badgecms.api.errors import InvalidParameter
from badgecms.home.caching.generation import memoised
from badgecms.home.models import BadgeLandingPage, CertificationLink, LandingPageBadge
from badgecms.home.prepared_queries import prepared_query, set_prefetched
from badgecms.home.visibility import public_q

#: The relations :func:`public_landing_pages` prefetches: (related name, child model).
PREFETCHED = (("certification_links", CertificationLink), ("badges", LandingPageBadge))


def _public(now=None, *, searchable=True):
    # The filter and join of every lookup below (public at ``now``, badge image joined).
    return BadgeLandingPage.objects.filter(public_q(now, searchable=searchable)).select_related(
        "badge_image"
    )


def public_landing_pages(site=None, *, searchable=True):
    """Return a ``PageQuerySet`` of the landing pages anyone may see.

    ``site``: a :class:`wagtail.models.Site`; when given, only pages in its tree (its
    root page included) are returned. Badge images are joined in the same query and
    certification links and badge choices are prefetched in page order.
    ``searchable=False`` when the pages are not passed to Wagtail search: view
    restrictions are then checked inside the page query instead of by a query of their
    own (see :func:`badgecms.home.visibility.unrestricted_q`).
    """
    pages = _public(searchable=searchable).prefetch_related(*(name for name, _ in PREFETCHED))
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages


def _one_public_page(root):
    path, depth = root.path, root.depth  # not the page: the query outlives the request

    def build(pk, now):
        # Wagtail's descendant_of(root, inclusive=True) is this path and depth filter.
        return _public(now, searchable=False).filter(pk=pk, path__startswith=path, depth__gte=depth)

    return prepared_query(("public-page", path, depth), build, (int, datetime))


def _children(model):
    def build(page_id):
        return model.objects.filter(page_id=page_id)

    return prepared_query(("children", model._meta.label), build, (int,))


def public_landing_page(site, pk):
    """Return the public landing page ``pk`` (int) of ``site`` (a
    :class:`~wagtail.models.Site`), or None: the page
    ``public_landing_pages(site, searchable=False).filter(pk=pk).first()`` returns, with
    the same joins and prefetches, from three queries compiled once per process
    (:mod:`badgecms.home.prepared_queries`): the page, its certification links and its
    badge choices."""
    pages = _one_public_page(site.root_page).run(pk, timezone.now())
    if not pages:
        return None
    page = pages[0]
    for relation, model in PREFETCHED:
        children = _children(model).run(page.pk)
        for child in children:
            child.page = page
        set_prefetched(page, relation, children)
    return page


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


def _site_named(hostname, port):
    sites = Site.objects.filter(hostname__iexact=hostname).select_related("root_page")
    if port is not None:
        sites = sites.filter(port=port)
    return sites.order_by("-is_default_site", "port").first()


def requested_site(request, site_parameter=None):
    """Return the :class:`~wagtail.models.Site` a request asks for.

    With ``site_parameter`` (the ``?site=`` value, ``"host"`` or ``"host:port"``) the
    site with that hostname (and port); a hostname shared by several sites picks the
    default site, then the lowest port. Without it, Wagtail's own choice for the
    request's ``Host`` header (as :meth:`Site.find_for_request`), which falls back to the
    default site. Raises :class:`~badgecms.api.errors.InvalidParameter` for ``site`` when no
    site matches (or no site exists at all).

    Sites are looked up once per content generation in each process
    (:func:`~badgecms.home.caching.generation.memoised`: saving or deleting a site, or
    changing a page, starts a new one), so most requests make no site query; reading
    the generation costs one cache read with a shared content cache, one primary-key
    query with a process-local one. The ``Site`` returned (and its ``root_page``) is
    shared by the requests of the generation: read it, never change it.
    """
    if site_parameter is None:
        if not hasattr(request, "_wagtail_site"):
            # Wagtail's own choice, memoised under what it depends on (as in
            # Site._find_for_request: the raw Host header's name, and the port).
            key = ("site-for-host", split_domain_port(request._get_raw_host())[0])
            request._wagtail_site = memoised(
                (*key, request.get_port()), lambda: Site._find_for_request(request)
            )
        site = request._wagtail_site
        if site is None:
            raise InvalidParameter("site", "No site is configured; pass ?site=<hostname>.")
        return site
    hostname, port = parse_site_parameter(site_parameter)
    site = memoised(("site-named", hostname, port), lambda: _site_named(hostname, port))
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
