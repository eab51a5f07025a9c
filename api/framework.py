"""The DRF configuration every view of the content API carries on the view itself, so the
API neither needs nor changes the host site's ``REST_FRAMEWORK`` setting."""

from types import SimpleNamespace

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema as spectacular_extend_schema
from rest_framework.metadata import SimpleMetadata
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny

from badgecms.api.errors import exception_handler
from badgecms.api.renderers import HTMLSafeJSONRenderer
from badgecms.api.throttling import AnonymousRateThrottle


class JSONOnlyNegotiation(DefaultContentNegotiation):
    """DRF's content negotiation without the ``?format=`` override (every query
    parameter of the API is validated; ``format`` is not one of them)."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class ContentAPIConfigMixin:
    """Renderers, parser, authentication, permissions, throttles, negotiation, schema
    and exception handler of a content API view (a DRF ``APIView`` subclass).

    Anonymous, read-only JSON: no session or token authentication (so no CSRF and no
    user-dependent responses), anyone may read, clients are throttled per IP address
    (``BADGECMS["API_THROTTLE_RATE"]``), errors have the body of :mod:`badgecms.api.errors`.
    """

    renderer_classes = [HTMLSafeJSONRenderer]
    parser_classes = [JSONParser]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousRateThrottle]
    content_negotiation_class = JSONOnlyNegotiation
    metadata_class = SimpleMetadata
    versioning_class = None
    schema = AutoSchema()

    def get_exception_handler(self):
        return exception_handler


def extend_schema(**kwargs):
    """drf-spectacular's ``extend_schema`` for a content API view method, built on
    drf-spectacular's ``AutoSchema`` whatever the host's ``DEFAULT_SCHEMA_CLASS`` (the
    decorator otherwise bases the method's schema on that setting)."""

    def decorator(method):
        method.schema = AutoSchema
        return spectacular_extend_schema(**kwargs)(method)

    return decorator
