"""One rule for slugs (:mod:`badgecms.home.slugs`): the import command and the admin
import make the same slug from a non-ASCII title, as Wagtail does for a page saved
without one."""

from io import StringIO

import pytest
from django.core.management import call_command

from badgecms.home.models import BadgeLandingPage
from badgecms.home.slugs import slug_for_title

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/landing-pages/import/"

TITLES = {
    "Insignias digitales – ¿Qué son?": "insignias-digitales-qué-son",
    "デジタルバッジとは": "デジタルバッジとは",
}


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_command_and_admin_import_make_the_same_slug(
    title, slug, seed_page, seed_document_path, editor, client
):
    """Regression: the command made "insignias-digitales-que-son" (and no slug at all
    from Japanese) where the admin kept the accented letters."""
    document = seed_document_path
    call_command("import_landing_page", str(document), "--title", title, stdout=StringIO())
    by_command = BadgeLandingPage.objects.get(title=title)

    client.force_login(editor)
    with document.open("rb") as upload:
        response = client.post(
            IMPORT_URL, {"document": upload, "parent": by_command.id, "title": title}
        )
    assert response.context["problems"] == []
    payload = response.context["confirm_form"]["payload"].value()
    assert client.post(IMPORT_URL, {"payload": payload}).status_code == 302
    by_admin = BadgeLandingPage.objects.get(title=title, depth=by_command.depth + 1)

    assert by_command.slug == by_admin.slug == slug


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_slug_follows_wagtail_for_a_page_saved_without_one(title, slug, seed_page):
    page = seed_page.add_child(instance=BadgeLandingPage(title=title))
    assert page.slug == slug_for_title(title) == slug


def test_ascii_only_slugs_when_wagtail_says_so(settings):
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = False
    assert slug_for_title("Insignias digitales – ¿Qué son?") == "insignias-digitales-que-son"
