"""Shared pytest fixtures: a temporary MEDIA_ROOT, an empty cache, the default site with the
real seed document as its root page, a landing page factory, an API client, an image, the
editorial roles with an editor and a publisher, a Wagtail moderator and their client; and
the ``postgresql`` marker (tests that need PostgreSQL run in ``make test-postgres``)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient
from wagtail.models import Page, Site

from badgecms.home.demo import DEMO_DOCUMENT, install_demo_landing_page
from badgecms.home.editors.roles import EDITORS_GROUP, PUBLISHERS_GROUP, install_roles
from badgecms.home.models import BadgeLandingPage, CertificationLink
from tests.helpers.images import make_image
from tests.helpers.markup import internal_link

CASES_DIR = Path(__file__).resolve().parent / "tests" / "cases"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads and renditions to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches (local memory and the files of the response
    cache, or Redis on PostgreSQL runs)."""
    for alias in settings.CACHES:
        caches[alias].clear()


def pytest_collection_modifyitems(config, items):
    """Skip tests marked ``postgresql`` on any other database (they run in
    ``make test-postgres``, which CI runs too)."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run `make test-postgres`")
    for item in items:
        if item.get_closest_marker("postgresql"):
            item.add_marker(skip)


@pytest.fixture
def badgecms_settings(settings):
    """Return ``set_values(**values)``, which sets keys of ``settings.BADGECMS`` (the
    badgecms apps' settings) for this test only."""

    def set_values(**values):
        settings.BADGECMS = {**getattr(settings, "BADGECMS", {}), **values}

    return set_values


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
            CertificationLink(label=label, text=text, url=url, sort_order=number)
            for number, (label, text, url) in enumerate(links)
        ]
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def target(make_landing_page):
    """A published page "Target" at /target/, for other pages to link to."""
    return make_landing_page(title="Target", slug="target")


@pytest.fixture
def linking(make_landing_page, target):
    """A published page "Linking" at /linking/ whose intro links to ``target``."""
    intro = f"<p>See {internal_link(target, 'the target')}.</p>"
    return make_landing_page(title="Linking", slug="linking", intro=intro)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def image(db):
    """A 640×480 PNG in the image library, described for its alt text ("A blue badge")."""
    return make_image(title="Badge picture", description="A blue badge")


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def roles(seed_page):
    """The editorial groups and review workflow (``setup_roles``) on the seed page."""
    return install_roles()


@pytest.fixture
def make_user(db):
    """Return ``make_user(username, *group_names)``: an active user (password
    ``password``) in the named groups."""

    def make(username, *group_names):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.com", "password", first_name=username.title()
        )
        user.groups.set(Group.objects.filter(name__in=group_names))
        return user

    return make


@pytest.fixture
def editor(roles, make_user):
    """A user in "Badge editors"."""
    return make_user("editor", EDITORS_GROUP)


@pytest.fixture
def publisher(roles, make_user):
    """A user in "Badge publishers"."""
    return make_user("publisher", PUBLISHERS_GROUP)


@pytest.fixture
def moderator(django_user_model):
    """A user in Wagtail's "Moderators" group (edits and publishes every page)."""
    # No e-mail address: the admin would show its Gravatar, an outside request that a
    # browser test's console check reports offline.
    user = django_user_model.objects.create_user("moderator", password="pw-moderator")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor_client(moderator):
    """A test client signed in as :func:`moderator`."""
    client = Client()
    client.force_login(moderator)
    return client
