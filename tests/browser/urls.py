"""URLs of the browser tests: the project's, plus the example frontend
(``examples/frontend/``) served from the live server at ``/frontend/`` so that it calls
the content API from the same origin (no CORS set-up needed in tests)."""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from badgecms.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(
        "frontend/<path:path>",
        serve,
        {"document_root": settings.BASE_DIR / "examples" / "frontend"},
    ),
    *project_urlpatterns,
]
