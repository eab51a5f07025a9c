"""Importer runs are atomic: an import interrupted after it has written (a lost database
connection, a crash) leaves the database exactly as it was, for a new page and for a new
revision of a published page, on SQLite and PostgreSQL."""

import pytest
from django.db import OperationalError
from wagtail.models import Page, PageLogEntry, Revision

from badgecms.home.importing.importer import parse_landing_page, read_document, save_landing_page
from badgecms.home.models import BadgeLandingPage, CertificationLink

UPDATED = """\
## What is Digital Badging?

A new intro.

Other Certification Link: [Other badges](https://www.credly.com/organizations/other/badges)

## FAQs

### Q: Only one question now?

A: Yes.
"""


def database_state():
    return (
        list(Page.objects.order_by("id").values_list("id", "title", "live", "latest_revision_id")),
        list(Revision.objects.order_by("id").values_list("id", "object_id")),
        list(CertificationLink.objects.order_by("id").values_list("id", "page_id", "url")),
        PageLogEntry.objects.count(),
        [(p.intro, p.faq_sources()) for p in BadgeLandingPage.objects.order_by("id")],
    )


def interrupt_after(monkeypatch, cls, method):
    """Make ``cls.method`` do all its writes, then fail as a lost connection would."""
    original = getattr(cls, method)

    def write_then_fail(self, *args, **kwargs):
        original(self, *args, **kwargs)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(cls, method, write_then_fail)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cls", "method"),
    [(Page, "save_revision"), (Revision, "publish"), (CertificationLink, "save")],
)
def test_interrupted_update_of_a_published_page_changes_nothing(
    seed_page, monkeypatch, cls, method
):
    before = database_state()
    interrupt_after(monkeypatch, cls, method)
    with pytest.raises(OperationalError):
        save_landing_page(parse_landing_page(UPDATED), slug=seed_page.slug, publish=True)
    monkeypatch.undo()
    assert database_state() == before
    page = BadgeLandingPage.objects.get(id=seed_page.id)
    assert [link.label for link in page.certification_links.all()] == [
        "Tencent Cloud Certification Link"
    ]
    assert len(page.faq_sources()) == 13


@pytest.mark.django_db
@pytest.mark.parametrize(("cls", "method"), [(Page, "save_revision"), (Revision, "publish")])
def test_interrupted_import_of_a_new_page_changes_nothing(
    site, seed_document_path, monkeypatch, cls, method
):
    before = database_state()
    interrupt_after(monkeypatch, cls, method)
    with pytest.raises(OperationalError):
        save_landing_page(
            parse_landing_page(read_document(seed_document_path)), slug="new", publish=True
        )
    assert database_state() == before
    assert not BadgeLandingPage.objects.filter(slug="new").exists()
