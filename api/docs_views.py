"""The OpenAPI 3.1 document of the content API and its Swagger UI (drf-spectacular),
configured on the views: the host's ``SPECTACULAR_SETTINGS`` and ``REST_FRAMEWORK`` are
neither needed nor read for what they describe, and the paths follow wherever the host
mounts the API."""

from django.templatetags.static import static
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from badgecms.api.errors import exception_handler
from badgecms.api.renderers import HTMLSafeJSONRenderer
from badgecms.api.webhooks.schema import WEBHOOKS

#: drf-spectacular settings of the content API's document (its ``custom_settings``).
SCHEMA_SETTINGS = {
    "TITLE": "badgecms content API",
    "DESCRIPTION": "Published digital badge landing pages as JSON for external frontends. "
    "See docs/api.md.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "PREPROCESSING_HOOKS": ["badgecms.api.schema.content_api_endpoints"],
    "SCHEMA_PATH_PREFIX": None,
    "WEBHOOKS": WEBHOOKS,
}


def openapi_document(request=None):
    """Return the content API's OpenAPI 3.1 document as drf-spectacular's dict (render it
    with ``OpenApiJsonRenderer``/``OpenApiYamlRenderer``); paths as mounted."""
    with patched_settings(SCHEMA_SETTINGS):
        return SchemaGenerator().get_schema(request=request, public=True)


class JSONErrorsMixin:
    """Errors of a view that renders something else (YAML, HTML) answered with the API's
    JSON error body (:mod:`badgecms.api.errors`); read-only methods only."""

    http_method_names = ["get", "head", "options"]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    def get_exception_handler(self):
        return exception_handler

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = HTMLSafeJSONRenderer()
        self.request.accepted_media_type = HTMLSafeJSONRenderer.media_type
        return response


class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    """``GET <prefix>/schema/``: the OpenAPI 3.1 document of the content API endpoints
    (YAML; JSON for ``Accept: application/vnd.oai.openapi+json``), wherever mounted."""

    serve_public = True
    custom_settings = SCHEMA_SETTINGS


class SwaggerUIView(JSONErrorsMixin, SpectacularSwaggerView):
    """``GET <prefix>/docs/``: Swagger UI from drf-spectacular-sidecar's static files (no
    CDN) and a script file of ours (no inline script, so a strict Content-Security-Policy
    allows it)."""

    template_name = "badgecms_api/swagger_ui.html"
    title = SCHEMA_SETTINGS["TITLE"]

    def _get_schema_url(self, request):
        namespace = request.resolver_match.namespace
        return reverse(f"{namespace}:schema" if namespace else "schema")

    @staticmethod
    def _swagger_ui_resource(filename):
        return static(f"drf_spectacular_sidecar/swagger-ui-dist/{filename}")

    @staticmethod
    def _swagger_ui_favicon():
        return static("drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png")
