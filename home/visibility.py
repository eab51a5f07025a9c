"""What a public page is: the one definition the HTML site, the content API, rich text
links and the editors' screens share.

A page is public when it is live, has not expired (an ``expire_at`` in the past counts
even while Wagtail's ``publish_scheduled`` has not unpublished it yet) and is under no
view restriction (login, password or groups) on itself or on an ancestor.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction


def is_expired(page, now=None):
    """True when ``page.expire_at`` is set and not after ``now`` (aware ``datetime``,
    default the current time)."""
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def not_expired_q(now=None):
    """``Q`` of pages whose ``expire_at`` is unset or after ``now`` (aware ``datetime``,
    default the current time): the pages :func:`is_expired` is false for."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now())


def unrestricted_q(*, searchable=False):
    """``Q`` of pages under no view restriction (login, password or groups) on themselves
    or an ancestor: the pages of Wagtail's ``PageQuerySet.public()``.

    By default a ``NOT EXISTS`` subquery that costs no query of its own. With
    ``searchable=True`` the same pages as plain lookups on ``path`` and ``depth``, which
    Wagtail search backends can apply to search results, at the cost of one query that
    loads the restrictions (as ``public()`` does).
    """
    if searchable:
        return ~Page.objects.private_q()
    # A restriction covers a page when the restricted page's tree path is a prefix of
    # the page's tree path (treebeard materialised paths).
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(covering)


def public_q(now=None, *, searchable=False):
    """``Q`` of the public pages at ``now`` (aware ``datetime``, default the current time):
    live, not expired and unrestricted (see :func:`unrestricted_q` for ``searchable``).
    Use on any ``Page`` queryset: ``Page.objects.filter(public_q())``."""
    return Q(live=True) & not_expired_q(now) & unrestricted_q(searchable=searchable)
