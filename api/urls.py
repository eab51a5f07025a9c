"""URLs of the content API (namespace ``badgecms_api``), mounted by the site under any
prefix (``/api/v1/`` in the standalone project).

``schema/`` serves the OpenAPI 3.1 document (drf-spectacular; YAML, or JSON for
``Accept: application/vnd.oai.openapi+json``) and ``docs/`` the Swagger UI from
drf-spectacular-sidecar's own static files (no CDN). Any other path under ``/api/v1/``
is a JSON 404.
"""

from django.urls import path, re_path

from badgecms.api import docs_views, preview_views, review_links, views

app_name = "badgecms_api"

urlpatterns = [
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/by-path/", views.PagePathView.as_view(), name="page-by-path"),
    path("pages/<int:pk>/", views.PageDetailView.as_view(), name="page-detail"),
    path("faqs/", views.FAQListView.as_view(), name="faq-list"),
    path("schema/", docs_views.SchemaView.as_view(), name="schema"),
    path("docs/", docs_views.SwaggerUIView.as_view(), name="docs"),
    path("preview/", preview_views.PreviewView.as_view(), name="preview"),
    # Review links: an HTML page (or a redirect to the frontend), see review_links.py.
    path("review/<str:key>/", review_links.ReviewLinkView.as_view(), name="review-link"),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
