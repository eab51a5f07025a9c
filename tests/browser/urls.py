"""URLs of the browser tests: the project's, plus the example frontend
(``examples/frontend/``) served from the live server at ``/frontend/`` so that it calls
the content API from the same origin (no CORS set-up needed in tests), and uploaded media
(badge art, renditions) from the test's MEDIA_ROOT."""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from badgecms.urls import urlpatterns as project_urlpatterns


def serve_media(request, path):
    """Serve ``path`` from the current ``MEDIA_ROOT`` (each test has its own)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("media/<path:path>", serve_media),
    path(
        "frontend/<path:path>",
        serve,
        {"document_root": settings.BASE_DIR / "examples" / "frontend"},
    ),
    *project_urlpatterns,
]
