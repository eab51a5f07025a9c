"""Set-up of a fresh installation: the demo landing page as the default site's root page
and a local admin account. Used by ``manage.py setup_demo`` (``make run``)."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from badgecms.home.importing.importer import parse_landing_page, read_document, save_landing_page
from badgecms.home.models import BadgeLandingPage

#: The customer's template shipped as demo content.
DEMO_DOCUMENT = (
    Path(settings.BASE_DIR) / "examples" / "content" / "credly-badge-landing-template.md"
)
WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


def _is_pristine_welcome_page(page):
    return (
        page.specific_class is Page
        and page.title == WELCOME_PAGE_TITLE
        and page.depth == 2
        and not page.get_children().exists()
    )


@transaction.atomic
def install_demo_landing_page(path=DEMO_DOCUMENT, port=None):
    """Make a published landing page, imported from ``path``, the default site's root.

    ``port``: when the default site still has Wagtail's initial ``localhost:80``
    address, it becomes ``127.0.0.1:<port>`` so that page URLs work locally.
    Does nothing and returns None when the default site's root page already is a
    landing page; otherwise returns the :class:`~badgecms.home.importing.importer.ImportResult`.
    Wagtail's
    untouched "Welcome" page is replaced; any other existing root is kept in the tree.
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and port and (site.hostname, site.port) == ("localhost", 80):
        site.hostname, site.port = "127.0.0.1", int(port)
        site.save()
    if site and isinstance(site.root_page.specific, BadgeLandingPage):
        return None
    root = Page.get_first_root_node()
    old_root = site.root_page if site else None
    slug = "home"
    if old_root is not None and _is_pristine_welcome_page(old_root):
        if site:
            site.root_page = root
            site.save()
        old_root.delete()
    elif root.get_children().filter(slug=slug).exists():
        slug = "badges"
    result = save_landing_page(
        parse_landing_page(read_document(path)), slug=slug, parent=root, publish=True
    )
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, site_name="Badges")
    site.root_page = result.page
    site.save()
    return result


def create_local_admin(username="admin"):
    """Create a superuser ``username`` with a random password and return the password,
    or return None when the user already exists (its password is never shown again)."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username, f"{username}@localhost", password)
    return password
