"""The generated OpenAPI document of the content API and a validator of test responses
against it (openapi-core), for the test fixtures and the schemathesis run."""

import json

from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.validation.response.validators import V31ResponseHeadersValidator
from openapi_schema_validator import OAS31Validator, validate

from badgecms.api.docs_views import openapi_document

API_PREFIX = "/api/v1/"
#: Endpoints that serve the description itself, not content.
SELF_DESCRIBING = ("/api/v1/schema/", "/api/v1/docs/")


def generated_openapi():
    """The OpenAPI document of the running code, as plain JSON data."""
    schema = openapi_document()
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


class PathRequest(DjangoOpenAPIRequest):
    """A Django request for openapi-core, matched to the schema by its concrete path
    (Django's route patterns name parameters differently from the schema)."""

    def __init__(self, request, method=None):
        super().__init__(request)
        self._method = method

    @property
    def path_pattern(self):
        return None

    @property
    def method(self):
        return self._method or super().method


class OpenAPIResponseChecker:
    """Validates Django test responses against the generated OpenAPI document."""

    def __init__(self, document):
        self.document = document
        self.full = OpenAPI.from_dict(document)
        self.headers_only = OpenAPI(
            self.full.spec, config=Config(response_validator_cls=V31ResponseHeadersValidator)
        )
        self.error_schema = {
            "$ref": "#/components/schemas/Error",
            "components": document["components"],
        }

    def check(self, response):
        request = response.wsgi_request
        path = request.path
        if not path.startswith(API_PREFIX) or path.startswith(SELF_DESCRIBING):
            return
        method = request.method.lower()
        documented = self.document["paths"].get(path) or self._templated(path)
        if method == "get" and documented:
            self.full.validate_response(PathRequest(request), DjangoOpenAPIResponse(response))
        elif method == "head" and documented:
            assert response.content == b""
            self.headers_only.validate_response(
                PathRequest(request, method="get"), DjangoOpenAPIResponse(response)
            )
        elif method == "options" and response.status_code == 200:
            # DRF's OPTIONS metadata (and CORS preflights) are outside the OpenAPI document.
            return
        else:
            # Any other method, or a path the document does not have: an error body.
            assert response.status_code in (404, 405), (method, path, response.status_code)
            validate(json.loads(response.content), self.error_schema, cls=OAS31Validator)

    def _templated(self, path):
        for template in self.document["paths"]:
            if "{" in template:
                prefix = template.split("{", 1)[0]
                rest = path[len(prefix) :].rstrip("/")
                if path.startswith(prefix) and rest.isdigit():
                    return self.document["paths"][template]
        return None
