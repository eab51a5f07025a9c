"""The content API's hot lookups run SQL compiled once per process
(:mod:`badgecms.home.prepared_queries`, issue 15) and find exactly what the ORM query they
replace finds: the one public page of a detail, with its joins and prefetches, and the
public pages rich text links to. The values (ids, the current time) are parameters of
each run, never part of the compiled SQL."""

from datetime import timedelta

import pytest
import time_machine
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from badgecms.api.lookups import public_landing_page, public_landing_pages
from badgecms.home.models import BadgeLandingPage, CertificationLink, LandingPageBadge
from badgecms.home.prepared_queries import PreparedQuery
from badgecms.home.richtext import PublicPageLinkHandler
from badgecms.home.tests.badge_builders import make_badge
from tests.helpers.images import make_image

pytestmark = pytest.mark.django_db


def orm_page(site, pk):
    return public_landing_pages(site, searchable=False).filter(pk=pk).first()


def snapshot(page, django_assert_num_queries):
    """What a serializer reads of ``page``, read with no query."""
    if page is None:
        return None
    with django_assert_num_queries(0):
        links = list(page.certification_links.all())
        return {
            "databases": (page._state.db, page.badge_image and page.badge_image._state.db),
            "fields": {
                field.attname: getattr(page, field.attname) for field in page._meta.concrete_fields
            },
            "badge_image": page.badge_image and page.badge_image.title,
            "links": [
                (link.label, link.url, link.page_id) for link in page.certification_links.all()
            ],
            "badges": [(choice.badge_id, choice.group_heading) for choice in page.badges.all()],
            "link_parents": {id(link.page) for link in links} == ({id(page)} if links else set()),
        }


@pytest.fixture
def pages(make_landing_page, site):
    badge_page = make_landing_page(
        title="Public",
        links=[("Second", "Text", "https://example.org/2"), ("First", "", "https://b.org/")],
        badge_image=make_image("art.png"),
    )
    restricted = make_landing_page(title="Restricted")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    return {
        "public": badge_page,
        "plain": make_landing_page(title="Plain"),
        "draft": make_landing_page(title="Draft", publish=False),
        "expired": make_landing_page(title="Expired", expire_at=timezone.now() - timedelta(1)),
        "restricted": restricted,
        "under restriction": make_landing_page(title="Child", parent=restricted),
        "outside the site": make_landing_page(title="Outside", parent=Page.get_first_root_node()),
    }


def test_the_detail_lookup_finds_what_the_orm_finds(pages, site, django_assert_num_queries):
    found = {}
    for name, page in pages.items():
        prepared = public_landing_page(site, page.pk)
        assert snapshot(prepared, django_assert_num_queries) == snapshot(
            orm_page(site, page.pk), django_assert_num_queries
        ), name
        found[name] = prepared and prepared.title
    assert found == {
        "public": "Public",
        "plain": "Plain",
        "draft": None,
        "expired": None,
        "restricted": None,
        "under restriction": None,
        "outside the site": None,
    }
    assert public_landing_page(site, 10**12) is None
    assert [
        link.label
        for link in public_landing_page(site, pages["public"].pk).certification_links.all()
    ] == [
        "Second",
        "First",
    ]


def test_the_detail_lookup_makes_three_queries(pages, site, django_assert_num_queries):
    public_landing_page(site, pages["plain"].pk)  # compiled
    with django_assert_num_queries(3):
        page = public_landing_page(site, pages["public"].pk)
    assert page.title == "Public"
    with django_assert_num_queries(1):
        assert public_landing_page(site, pages["draft"].pk) is None


def test_badge_choices_come_in_page_order(make_landing_page, site, django_assert_num_queries):
    page = make_landing_page(title="Badges")
    for order, name in enumerate(["Zeta", "Alpha"]):
        LandingPageBadge.objects.create(
            page=page, badge=make_badge(name), group_heading=name, sort_order=order
        )
    prepared = public_landing_page(site, page.pk)
    assert [choice.group_heading for choice in prepared.badges.all()] == ["Zeta", "Alpha"]
    assert snapshot(prepared, django_assert_num_queries) == snapshot(
        orm_page(site, page.pk), django_assert_num_queries
    )


def test_the_current_time_is_a_parameter_of_each_run(make_landing_page, site):
    """A page public when the SQL was compiled is not public once it has expired: the
    time of each run, not of the compilation, decides (detail and rich text links)."""
    expiring = make_landing_page(title="Expiring", expire_at=timezone.now() + timedelta(hours=1))
    link = [{"id": str(expiring.pk)}]
    assert public_landing_page(site, expiring.pk).title == "Expiring"
    assert PublicPageLinkHandler.get_many(link) == [Page.objects.get(pk=expiring.pk)]
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert public_landing_page(site, expiring.pk) is None
        assert PublicPageLinkHandler.get_many(link) == [None]


def test_link_targets_are_found_for_any_number_of_ids(pages):
    targets = [pages["public"], pages["draft"], pages["plain"], pages["expired"]]
    unusual = [{"id": "x"}, {"id": str(2**64)}, {"id": "²"}, {"id": "\u0663"}]
    attrs = [{"id": str(page.pk)} for page in targets] + unusual
    assert [page and page.title for page in PublicPageLinkHandler.get_many(attrs)] == [
        "Public",
        None,
        "Plain",
        None,
        None,
        None,
        None,
        None,
    ]
    assert PublicPageLinkHandler.get_many(attrs[1:2]) == [None]
    assert [page.title for page in PublicPageLinkHandler.get_many(attrs[2:3])] == ["Plain"]


def test_a_query_whose_values_the_orm_transforms_is_built_each_time(make_landing_page):
    """The sentinel of a value the ORM turns into something else (here a ``LIKE``
    pattern) is not found among the parameters: the query is then not prepared, and
    each run builds and runs the queryset, with the same result."""
    first, second = make_landing_page(title="Page 11"), make_landing_page(title="Page 22")
    query = PreparedQuery(lambda number: Page.objects.filter(title__endswith=number), (int,))
    assert query.compiled("default") is None
    assert query.run(11) == [Page.objects.get(pk=first.pk)]
    assert query.run(22) == [Page.objects.get(pk=second.pk)]


def test_a_value_also_used_transformed_is_not_prepared(make_landing_page):
    """One use of the value as it is, one transformed (a pattern): the sentinel is found,
    but the transformed copy would keep it; a second compilation shows it."""
    first, second = make_landing_page(title="Page 11"), make_landing_page(title="Page 22")
    query = PreparedQuery(
        lambda number: Page.objects.filter(Q(pk=number) | Q(title__endswith=f" {number}")),
        (int,),
    )
    assert query.compiled("default") is None
    assert query.run(22) == [Page.objects.get(pk=second.pk)]
    assert query.run(first.pk) == [Page.objects.get(pk=first.pk)]


def test_without_use_tz_the_current_time_is_naive(pages, site, settings):
    """A host site with ``USE_TZ = False``: the sentinels are naive datetimes, as
    ``timezone.now()`` is; the lookups find what the ORM finds."""
    settings.USE_TZ = False
    assert public_landing_page(site, pages["public"].pk).title == "Public"
    assert public_landing_page(site, pages["draft"].pk) is None
    attrs = [{"id": str(pages["plain"].pk)}, {"id": str(pages["draft"].pk)}]
    assert [page and page.title for page in PublicPageLinkHandler.get_many(attrs)] == [
        "Plain",
        None,
    ]


class ReplicaRouter:
    """Sends every read to the default database, and records the models it was asked
    about."""

    asked = []

    def db_for_read(self, model, **hints):
        self.asked.append(model)
        return "default"


def test_the_router_picks_the_database_of_each_run(pages, site, settings):
    settings.DATABASE_ROUTERS = [ReplicaRouter()]
    public_landing_page(site, pages["public"].pk)  # compiled
    for _ in range(2):
        ReplicaRouter.asked.clear()
        page = public_landing_page(site, pages["public"].pk)
        assert {BadgeLandingPage, CertificationLink, LandingPageBadge} <= set(ReplicaRouter.asked)
    assert page.title == "Public" and page._state.db == "default"
