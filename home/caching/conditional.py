"""Conditional requests (RFC 9110 section 13), answered in one place for the landing
page's HTML and the content API: Django's ``get_conditional_response`` with the
response's strong ``ETag`` and its ``Last-Modified``.

How it works: docs/architecture.md, section ``badgecms.home.caching.conditional``.
"""

import math
import time

from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

#: Request headers of conditional requests (RFC 9110 section 13.1).
CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def last_modified_header(changed_at, now=None):
    """The ``Last-Modified`` value (an HTTP-date string) for content last changed at
    ``changed_at`` (POSIX seconds, or None), or None while ``now`` (POSIX seconds,
    default the current time) is still within the second of that change."""
    if changed_at is None:
        return None
    now = time.time() if now is None else now
    if int(now) <= int(changed_at):
        return None
    return http_date(int(changed_at))


def set_last_modified(response, changed_at):
    """Set (or remove) ``response``'s ``Last-Modified`` for content last changed at
    ``changed_at`` (POSIX seconds or None), per :func:`last_modified_header`; remember
    ``changed_at`` on the response (``response.changed_at``) for the response cache."""
    response.changed_at = changed_at
    header = last_modified_header(changed_at)
    if header is None:
        response.headers.pop("Last-Modified", None)
    else:
        response.headers["Last-Modified"] = header


def answer_conditional(request, response, precondition_failed=None):
    """Return the answer to ``request`` given the full 200 ``response`` to a ``GET`` or
    ``HEAD``: ``response`` itself, ``304 Not Modified`` (``If-None-Match``, else
    ``If-Modified-Since``) or ``412 Precondition Failed`` (``If-Match``, else
    ``If-Unmodified-Since``), decided by Django's ``get_conditional_response`` from
    the response's ``ETag`` and ``Last-Modified`` headers.

    ``precondition_failed(request, header)`` (optional) builds the 412 response, for an
    error body of the caller's shape; ``header`` names the request header that failed.
    Any other method or status, and a request without a conditional header, get
    ``response`` unchanged.
    """
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or not any(header in request.META for header in CONDITIONAL_HEADERS)
    ):
        return response
    last_modified = parse_http_date_safe(response.headers.get("Last-Modified", ""))
    changed_at = getattr(response, "changed_at", None)
    if (
        last_modified is None
        and changed_at is not None
        and "HTTP_IF_MODIFIED_SINCE" not in request.META
    ):
        # Changed within the current second: If-Unmodified-Since holds only for a date
        # at or after the end of that second.
        last_modified = math.ceil(changed_at)
    answer = get_conditional_response(
        request, etag=response.headers.get("ETag"), last_modified=last_modified, response=response
    )
    if answer.status_code == 412 and precondition_failed is not None:
        header = "If-Match" if "HTTP_IF_MATCH" in request.META else "If-Unmodified-Since"
        return precondition_failed(request, header)
    return answer
