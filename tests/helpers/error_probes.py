"""Probing the site for its errors: a client that receives error responses (500
included) instead of the exceptions behind them, and the content API's error body
(``{"error": {"code", "message", "field"}}``, see docs/api.md)."""

from django.test import Client


def error_client(**options):
    """A Django test ``Client`` (``options`` as for ``Client``) that returns the 500
    response a visitor would get instead of raising the view's exception."""
    return Client(raise_request_exception=False, **options)


def error_body(code, message, field=None):
    """The content API's error body for ``code``, ``message`` and the bad ``field``."""
    return {"error": {"code": code, "message": message, "field": field}}


#: The API's answer for a page that is missing, draft, expired or restricted.
NOT_FOUND = error_body("not_found", "No published page matches this request.")
