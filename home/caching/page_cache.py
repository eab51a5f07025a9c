"""The HTML page cache: Wagtail's ``serve`` view wrapped so that a landing page rendered
for an anonymous visitor is kept in the content response cache
(:mod:`badgecms.home.caching.responses`) and
served again before Wagtail routes the request, without one SQL query.

How it works: docs/architecture.md, section ``badgecms.home.caching.page_cache``.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_vary_headers

from badgecms.home.caching import responses as cache
from badgecms.home.caching.conditional import answer_conditional
from badgecms.home.models import BadgeLandingPage


def _may_use_cache(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and cache.is_enabled()
    )


def _is_public_landing_page(request, response):
    context = getattr(response, "context_data", None) or {}
    return (
        isinstance(context.get("page"), BadgeLandingPage)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and cache.is_storable(response)
    )


def cache_page_response(view):
    """Wrap Wagtail's page ``serve`` view (``view(request, path)``) with the page cache.

    Returns a view with the same signature. A hit returns the stored bytes (or ``304``);
    a miss calls ``view`` and stores what it returns when it is cacheable.
    """

    @wraps(view)
    def serve(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = cache.response_key("page", request)
        entry, generation = cache.lookup(key)
        if entry is not None:
            return answer_conditional(
                request, cache.mark_shared(entry.to_response(), entry.generation)
            )
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if not _is_public_landing_page(request, response):
            return response
        # The user bar tag reads the session; the page differs for signed-in editors.
        patch_vary_headers(response, ["Cookie"])
        cache.store(key, generation, response)
        return answer_conditional(request, cache.mark_shared(response, generation.token))

    return serve
