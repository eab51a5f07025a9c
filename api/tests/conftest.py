"""Fixtures of the preview tests: an editor (Wagtail's "Moderators" group: add, edit and
publish pages) logged into a test client, a published landing page with three FAQ items
and two certification links, and helpers to preview it."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from api.tests.editor_forms import editor_form_data, token_of

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
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw-editor")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def landing_page(make_landing_page):
    """A published landing page: title "Badges", FAQS and LINKS in that order."""
    return make_landing_page(title="Badges", faqs=FAQS, links=LINKS, intro="<p>Live intro.</p>")


@pytest.fixture
def frontend_url(settings):
    settings.FRONTEND_PREVIEW_URL = "https://frontend.example/api/draft"
    return settings.FRONTEND_PREVIEW_URL


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
