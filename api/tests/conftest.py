"""Fixtures of the content API tests.

``api_client`` here replaces the root one: it is DRF's ``APIClient`` that checks every
response from ``/api/v1/`` against the OpenAPI document the project generates (with
openapi-core), so no test can receive an undocumented status, header or body shape.
"""

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient
from wagtail.documents import get_document_model

from badgecms.api.tests.openapi import OpenAPIResponseChecker, generated_openapi
from tests.helpers.editor_forms import editor_form_data, token_of


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


@pytest.fixture
def document(db):
    """A text document in the document library."""
    return get_document_model().objects.create(
        title="Badge policy", file=ContentFile(b"Policy", name="badge-policy.txt")
    )


# Preview tests: a moderator (Wagtail's "Moderators" group) logged into a test client, a
# published landing page with three FAQ items and two certification links.
FAQS = [
    ("What is a badge?", "<p>Old answer one.</p>"),
    ("Who issues it?", "<p>Old answer two.</p>"),
    ("Is it free?", "<p>Old answer three.</p>"),
]
LINKS = [
    ("Cloud Certification Link", "Credly certifications", "https://www.credly.com/org/a"),
    ("Data Certification Link", "Data badges", "https://www.credly.com/org/b"),
]


@pytest.fixture
def landing_page(make_landing_page):
    """A published landing page: title "Badges", FAQS and LINKS in that order."""
    return make_landing_page(title="Badges", faqs=FAQS, links=LINKS, intro="<p>Live intro.</p>")


@pytest.fixture
def frontend_url(badgecms_settings):
    url = "https://frontend.example/api/draft"
    badgecms_settings(FRONTEND_PREVIEW_URL=url)
    return url


@pytest.fixture
def preview_in_frontend(editor_client, frontend_url):
    """``preview_in_frontend(page, **editor_form_data kwargs) -> token``: the editor's
    "Preview in frontend" action on ``page`` with the given (unsaved) form state."""

    def preview(page, client=None, **changes):
        response = (client or editor_client).post(
            f"/admin/frontend-preview/{page.pk}/",
            editor_form_data(page.get_latest_revision_as_object(), **changes),
        )
        return token_of(response)

    return preview
