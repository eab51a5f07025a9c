"""The one JSON error shape of the content API.

Every error response has the body ``{"error": {"code": str, "message": str,
"field": str | null}}``: ``code`` is a stable machine-readable string (``not_found``,
``invalid_parameter``, ``method_not_allowed``, ``throttled``...), ``message`` is for
people, ``field`` names the offending query parameter when there is one.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response


class InvalidParameter(exceptions.APIException):
    """A query parameter was missing, unknown or malformed (HTTP 400)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, field, message):
        super().__init__(message, code=self.default_code)
        self.field = field


NOT_FOUND_MESSAGE = "No published page matches this request."
DATABASE_UNAVAILABLE_MESSAGE = "The content database cannot be reached; try again shortly."
#: Seconds a client is asked to wait (``Retry-After``) when the database is unreachable.
DATABASE_RETRY_AFTER = 5

logger = logging.getLogger(__name__)


def error_body(code, message, field=None):
    """Return the error body dict ``{"error": {"code", "message", "field"}}``."""
    return {"error": {"code": code, "message": message, "field": field}}


def exception_handler(exc, context):
    """DRF exception handler producing :func:`error_body` for every API error.

    A database that cannot be reached (Django's ``OperationalError``, ``InterfaceError``:
    PostgreSQL restarting, a dropped connection) gives ``503`` with code
    ``service_unavailable`` and ``Retry-After``; the exception is logged, its text never
    sent."""
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("Database unavailable while serving the API", exc_info=exc)
        return Response(
            error_body("service_unavailable", DATABASE_UNAVAILABLE_MESSAGE),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(DATABASE_RETRY_AFTER)},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND_MESSAGE)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None

    headers = {}
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    field = getattr(exc, "field", None)
    detail = exc.detail
    if isinstance(detail, dict):
        field, messages = next(iter(detail.items()))
        message = str(messages[0] if isinstance(messages, list) else messages)
    elif isinstance(detail, list):
        message = str(detail[0])
    else:
        message = str(detail)
    code = exc.get_codes() if isinstance(detail, str) else getattr(exc, "default_code", "error")
    if isinstance(code, (dict, list)):
        code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.NotFound):
        code, message = "not_found", NOT_FOUND_MESSAGE
    return Response(error_body(code, message, field), status=exc.status_code, headers=headers)
