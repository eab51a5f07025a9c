"""Property-based run of the content API against its own OpenAPI document (schemathesis).

For every operation of the document, schemathesis generates valid and invalid requests
(query parameters, conditional request headers), sends them in-process to the project's
WSGI application with the seed page installed, and checks that no response is a 5xx and
that each status code, content type, header and body matches the document. The number
of examples is bounded (``SCHEMATHESIS_MAX_EXAMPLES``, default 25 per operation) and
generation is deterministic, so the run is repeatable within ``make test``.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from badgecms.api.tests.openapi import generated_openapi

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(generated_openapi())
schema.app = get_wsgi_application()
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    deterministic=True,
)


@pytest.fixture
def test_transaction_kept_open():
    """Requests through the real WSGI handler must not close the database connection that
    holds the test's transaction (Django's test client disconnects this handler too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("test_transaction_kept_open")
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case, seed_page):
    response = case.call()
    case.validate_response(response, checks=CHECKS)
