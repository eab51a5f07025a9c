"""URLs of the content API, mounted under ``/api/v1/`` by the project.

``schema/`` serves the OpenAPI 3.1 document (drf-spectacular; YAML, or JSON for
``Accept: application/vnd.oai.openapi+json``) and ``docs/`` the Swagger UI from
drf-spectacular-sidecar's own static files (no CDN). Any other path under ``/api/v1/``
is a JSON 404.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from badgecms.api import preview_views, views

app_name = "badgecms_api"

urlpatterns = [
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/by-path/", views.PagePathView.as_view(), name="page-by-path"),
    path("pages/<int:pk>/", views.PageDetailView.as_view(), name="page-detail"),
    path("faqs/", views.FAQListView.as_view(), name="faq-list"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # GET and HEAD only: DRF's OPTIONS metadata cannot be rendered by this HTML view.
    path(
        "docs/",
        SpectacularSwaggerView.as_view(
            url_name="badgecms_api:schema", http_method_names=["get", "head"]
        ),
        name="docs",
    ),
    path("preview/", preview_views.PreviewView.as_view(), name="preview"),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
