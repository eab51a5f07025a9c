"""The one definition of a public page (:mod:`badgecms.home.visibility`), case C05: the
API, rich text links and the HTML site all call it (their own tests: api/tests/
test_privacy.py)."""

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from badgecms.home.visibility import is_expired, public_q

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_public_q_keeps_only_live_unexpired_unrestricted_pages(make_landing_page):
    """C05: a draft, an unpublished, an expired (still live), a restricted page and the
    child of a restricted page are not public; Wagtail's ``public()`` agrees on
    restrictions."""
    public = make_landing_page(title="Public", expire_at=NOW + timezone.timedelta(days=1))
    make_landing_page(title="Draft", publish=False)
    make_landing_page(title="Unpublished").unpublish()
    expired = make_landing_page(title="Expired")
    Page.objects.filter(pk=expired.pk).update(expire_at=NOW)
    restricted = make_landing_page(title="Restricted")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    make_landing_page(title="Child", parent=restricted)

    titles = set(Page.objects.filter(public_q(NOW)).values_list("title", flat=True))

    assert public.title in titles
    assert titles.isdisjoint({"Draft", "Unpublished", "Expired", "Restricted", "Child"})
    wagtail_public = Page.objects.live().public().exclude(pk=expired.pk)
    assert titles == set(wagtail_public.values_list("title", flat=True))
    searchable = Page.objects.filter(public_q(NOW, searchable=True))
    assert titles == set(searchable.values_list("title", flat=True))


def test_a_page_expires_at_its_expire_at(make_landing_page):
    page = make_landing_page(title="Expiring", expire_at=NOW)
    assert is_expired(page, NOW)
    assert not is_expired(page, NOW - timezone.timedelta(microseconds=1))
    assert not Page.objects.filter(public_q(NOW), pk=page.pk).exists()
    assert Page.objects.filter(public_q(NOW - timezone.timedelta(seconds=1)), pk=page.pk).exists()
