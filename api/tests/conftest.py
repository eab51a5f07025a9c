"""Fixtures of the content API tests.

``api_client`` here replaces the root one: it is DRF's ``APIClient`` that checks every
response from ``/api/v1/`` against the OpenAPI document the project generates (with
openapi-core), so no test can receive an undocumented status, header or body shape.
"""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from rest_framework.test import APIClient
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from api.tests.openapi import OpenAPIResponseChecker, generated_openapi


@pytest.fixture(scope="session")
def openapi_document():
    return generated_openapi()


@pytest.fixture(scope="session")
def openapi_checker(openapi_document):
    return OpenAPIResponseChecker(openapi_document)


class CheckedAPIClient(APIClient):
    """``APIClient`` whose every response is validated against the OpenAPI document."""

    checker = None

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        self.checker.check(response)
        return response


@pytest.fixture
def api_client(openapi_checker):
    client = CheckedAPIClient()
    client.checker = openapi_checker
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counters, Wagtail's site root paths and rendition cache start empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def image(db):
    """A 640×480 PNG in the image library, described for its alt text."""
    return get_image_model().objects.create(
        title="Badge picture", description="A blue badge", file=get_test_image_file()
    )


@pytest.fixture
def document(db):
    """A text document in the document library."""
    return get_document_model().objects.create(
        title="Badge policy", file=ContentFile(b"Policy", name="badge-policy.txt")
    )
