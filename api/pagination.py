"""Limit/offset pagination of the content API's listings.

How it works: docs/architecture.md, section ``badgecms.api.pagination``.
"""

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

from badgecms.api.params import DEFAULT_LIMIT, MAX_LIMIT


class PageLimitOffsetPagination(LimitOffsetPagination):
    """DRF's ``LimitOffsetPagination`` fed with validated parameters.

    Response shape: ``{"count": int, "next": url | null, "previous": url | null,
    "results": [...]}`` where ``count`` is the number of results over all pages.
    """

    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT
    template = None

    def __init__(self, parameters):
        self.parameters = parameters

    def get_limit(self, request):
        return min(self.parameters.get("limit", self.default_limit), self.max_limit)

    def get_offset(self, request):
        return self.parameters.get("offset", 0)

    def get_previous_link(self):
        if self.offset <= 0:
            return None
        # Past the end, "previous" is the last page that has results.
        offset = min(self.offset - self.limit, max(self.count - self.limit, 0))
        url = replace_query_param(
            self.request.build_absolute_uri(), self.limit_query_param, self.limit
        )
        if offset <= 0:
            return remove_query_param(url, self.offset_query_param)
        return replace_query_param(url, self.offset_query_param, offset)

    def get_schema_operation_parameters(self, view):
        # limit and offset are documented by the endpoint's query parameter serializer.
        return []
