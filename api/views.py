"""Views of the content API (Django REST framework)."""

from django.utils import timezone
from rest_framework.generics import RetrieveAPIView

from api.cache import CachedResponseMixin
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


class PageDetailView(CachedResponseMixin, RetrieveAPIView):
    """``GET /api/v1/pages/<id>/``: one published landing page.

    Returns the :class:`~api.serializers.LandingPageSerializer` JSON, or 404 with the
    API's error body for a page that does not exist or is not public. Responses are
    cached (:class:`~api.cache.CachedResponseMixin`).
    """

    serializer_class = LandingPageSerializer

    def get_queryset(self):
        return public_landing_pages()
