"""Shared pytest fixtures: a temporary MEDIA_ROOT, an empty cache, the default site with the
real seed document as its root page, a landing page factory and an API client."""

from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from wagtail.models import Page, Site

from home.demo import DEMO_DOCUMENT, install_demo_landing_page
from home.models import BadgeLandingPage, CertificationLink

CASES_DIR = Path(__file__).resolve().parent / "tests" / "cases"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads and renditions to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (local memory, or Redis on PostgreSQL runs)."""
    cache.clear()


@pytest.fixture
def seed_document_path():
    return DEMO_DOCUMENT


@pytest.fixture
def case_path():
    """Return the path of an input of ../shared/cases (copied under tests/cases)."""
    return lambda name: CASES_DIR / name


@pytest.fixture
def site(db):
    """The default site (created by Wagtail's migrations, root: the Welcome page)."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def seed_page(site):
    """The customer's seed document imported and published as the default site's root."""
    install_demo_landing_page()
    site.refresh_from_db()
    return BadgeLandingPage.objects.get(id=site.root_page_id)


@pytest.fixture
def make_landing_page(site):
    """Create and publish a landing page under the default site's root page.

    ``make_landing_page(title="…", faqs=[("Q?", "<p>A</p>"), …], links=[(label, text,
    url)], parent=None, publish=True, **fields)`` returns the page (its live version).
    """

    def make(title="Badges", faqs=(), links=(), parent=None, publish=True, **fields):
        parent = parent or site.root_page
        page = BadgeLandingPage(
            title=title,
            live=False,
            faqs=[("faq", {"question": q, "answer": a}) for q, a in faqs],
            **fields,
        )
        page.certification_links = [
            CertificationLink(label=label, text=text, url=url) for label, text, url in links
        ]
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()
