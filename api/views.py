"""Views of the content API (Django REST framework), mounted under ``/api/v1/``.

How it works: docs/architecture.md, section ``badgecms.api.views``.
"""

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from badgecms.api.caching import HTTPCachingMixin
from badgecms.api.framework import ContentAPIConfigMixin, extend_schema
from badgecms.api.lookups import (
    public_landing_page,
    public_landing_pages,
    requested_site,
    search_pages,
    search_words,
)
from badgecms.api.pagination import PageLimitOffsetPagination
from badgecms.api.params import (
    MAX_ID,
    FAQListParameters,
    PageDetailParameters,
    PageListParameters,
    PagePathParameters,
)
from badgecms.api.schema import (
    CACHING_HEADERS,
    RETRY_AFTER,
    PaginatedFAQItemListSerializer,
    PaginatedLandingPageListSerializer,
    responses,
)
from badgecms.api.serializers import (
    FAQSearchResultSerializer,
    LandingPageSerializer,
    base_url,
    prepare_pages,
)

__all__ = [
    "FAQListView",
    "PageDetailView",
    "PageListView",
    "PagePathView",
    "public_landing_pages",
]

_HEADERS = [*CACHING_HEADERS, RETRY_AFTER]


class ContentAPIView(ContentAPIConfigMixin, HTTPCachingMixin, GenericAPIView):
    """Base of the content API views: read-only, JSON, one error shape; caching
    headers, conditional requests and the response cache of :mod:`badgecms.api.caching`."""

    http_method_names = ["get", "head", "options"]
    serializer_class = LandingPageSerializer
    pagination_class = None

    def paginate(self, items, parameters, serializer):
        """Return the paginated response of ``items`` (a queryset, search results or
        list): ``{"count", "next", "previous", "results"}``; ``serializer(page_items)``
        gives the ``results`` data."""
        paginator = PageLimitOffsetPagination(parameters)
        page_items = paginator.paginate_queryset(items, self.request, self)
        return paginator.get_paginated_response(serializer(page_items))


class PageListView(ContentAPIView):
    """``GET /api/v1/pages/``: the public landing pages of a site, paginated."""

    @extend_schema(
        operation_id="listPages",
        tags=["pages"],
        parameters=[PageListParameters, *_HEADERS],
        responses=responses(PaginatedLandingPageListSerializer, 400),
    )
    def get(self, request):
        """List published landing pages: search, filter by id, slug or locale, sort."""
        parameters = PageListParameters.from_request(request)
        pages = public_landing_pages(requested_site(request, parameters.get("site")))
        for name in ("id", "slug", "locale"):
            if name in parameters:
                pages = pages.filter(**{name: parameters[name]})
        order = parameters.get("order")
        # "id" breaks ties, so that pagination is stable whatever the order.
        pages = pages.order_by(*dict.fromkeys([order or "path", "id"]))
        search = parameters.get("search", "").strip()
        if search:
            pages = search_pages(pages, search, order_by_relevance=not order)

        def serialize(page_items):
            self.pages_shown = page_items
            return self.get_serializer(page_items, many=True).data

        return self.paginate(pages, parameters, serialize)


class PageDetailView(ContentAPIView):
    """``GET /api/v1/pages/<id>/``: one published landing page.

    Returns the :class:`~badgecms.api.serializers.LandingPageSerializer` JSON, or 404 with the
    API's error body for a page that does not exist or is not public. Responses are
    cached (:class:`~badgecms.api.caching.HTTPCachingMixin`).
    """

    @extend_schema(
        operation_id="retrievePage",
        tags=["pages"],
        parameters=[PageDetailParameters, *_HEADERS],
        responses=responses(LandingPageSerializer, 400, 404),
    )
    def get(self, request, pk):
        """One published landing page by id."""
        parameters = PageDetailParameters.from_request(request)
        site = requested_site(request, parameters.get("site"))
        # An id beyond 64 bits matches no page (and would overflow the database driver).
        page = public_landing_page(site, pk) if pk <= MAX_ID else None
        if page is None:
            raise NotFound()
        self.pages_shown = [page]
        return Response(self.get_serializer(page).data)


class PagePathView(ContentAPIView):
    """``GET /api/v1/pages/by-path/?path=/badges/&site=host``: the page a URL path shows.

    The path is resolved with Wagtail's own routing (``Page.route`` from the site's root
    page, as the HTML site does), so the API and the HTML site agree; no redirect.
    """

    @extend_schema(
        operation_id="retrievePageByPath",
        tags=["pages"],
        parameters=[PagePathParameters, *_HEADERS],
        responses=responses(LandingPageSerializer, 400, 404),
    )
    def get(self, request):
        """The published landing page a URL path of the site shows."""
        parameters = PagePathParameters.from_request(request)
        site = requested_site(request, parameters.get("site"))
        components = [component for component in parameters["path"].split("/") if component]
        try:
            routed, args, kwargs = site.root_page.localized.specific.route(request, components)
        except Http404:
            raise NotFound() from None
        page = None
        if not args and not kwargs:
            page = public_landing_page(site, routed.pk)
        if page is None:
            raise NotFound()
        self.pages_shown = [page]
        return Response(self.get_serializer(page).data)


def _matches(item, words):
    text = f"{item['question']} {item['answer_text']}".casefold()
    return all(word in text for word in words)


class FAQListView(ContentAPIView):
    """``GET /api/v1/faqs/``: FAQ items of the public landing pages of a site.

    Items come in page tree order, then in page order. With ``search``, Wagtail search
    selects the pages and the items shown are those whose question or answer contains
    every word of the search (case-insensitive).
    """

    @extend_schema(
        operation_id="listFAQs",
        tags=["faqs"],
        parameters=[FAQListParameters, *_HEADERS],
        responses=responses(PaginatedFAQItemListSerializer, 400),
    )
    def get(self, request):
        """List FAQ items across published pages, each with its page's id, title and URL."""
        parameters = FAQListParameters.from_request(request)
        pages = public_landing_pages(requested_site(request, parameters.get("site")))
        pages = pages.order_by("path")
        if "page" in parameters:
            pages = pages.filter(pk=parameters["page"])
        search = parameters.get("search", "").strip()
        if search:
            pages = search_pages(pages, search, order_by_relevance=False)
        pages = list(pages)
        prepare_pages(pages, request)
        words = [word.casefold() for word in search_words(search)]
        items = [
            {
                **item,
                "page": {"id": page.id, "title": page.title, "url": page.get_full_url(request)},
            }
            for page in pages
            for item in page.front_end_content(base_url(request))["faqs"]
            if _matches(item, words)
        ]
        self.pages_shown = pages
        return self.paginate(
            items,
            parameters,
            lambda page_items: FAQSearchResultSerializer(page_items, many=True).data,
        )


class NotFoundView(ContentAPIConfigMixin, HTTPCachingMixin, APIView):
    """Any other path under ``/api/v1/``: 404 with the API's error body, any method."""

    schema = None
    cache_responses = False

    def initial(self, request, *args, **kwargs):
        raise NotFound()
