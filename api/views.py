"""Views of the content API (Django REST framework)."""

from django.http import Http404
from django.utils import timezone
from rest_framework.generics import RetrieveAPIView

from api.serializers import LandingPageSerializer
from home.models import BadgeLandingPage


def public_landing_pages():
    """Landing pages anyone may see: live, not expired, not under a view restriction."""
    return (
        BadgeLandingPage.objects.live()
        .public()
        .exclude(expire_at__lte=timezone.now())
        .select_related("badge_image")
        .prefetch_related("certification_links")
    )


#: The largest primary key the database holds (64-bit signed); a larger id matches no
#: page, and must not reach the database (SQLite raises OverflowError, PostgreSQL an
#: out-of-range error: a 500 instead of a 404).
MAX_PAGE_ID = 2**63 - 1


class PageDetailView(RetrieveAPIView):
    """``GET /api/v1/pages/<id>/``: one published landing page.

    Returns the :class:`~api.serializers.LandingPageSerializer` JSON, or 404 with the
    API's error body for a page that does not exist or is not public.
    """

    serializer_class = LandingPageSerializer

    def get_queryset(self):
        return public_landing_pages()

    def get_object(self):
        if self.kwargs["pk"] > MAX_PAGE_ID:
            raise Http404
        return super().get_object()
