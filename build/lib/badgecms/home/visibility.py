"""Which pages anyone may see, as SQL conditions that cost no query of their own.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction (one query) and
then builds its condition in Python; :func:`public_q` says the same inside the page
query itself (``NOT EXISTS``), so a request that filters pages twice (the page, then the
pages its rich text links to) does not load the restrictions twice.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public_q():
    """Condition on pages (any ``Page`` queryset): no view restriction (login, password
    or groups) on the page itself or on any ancestor; the same pages as Wagtail's
    ``PageQuerySet.public()``. Use as ``Page.objects.filter(public_q())``."""
    # A restriction covers a page when the restricted page's tree path is a prefix of
    # the page's tree path (treebeard materialised paths).
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(covering)
