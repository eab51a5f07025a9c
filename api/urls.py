"""URLs of the content API (namespace ``badgecms_api``), mounted by the site under any
prefix (``/api/v1/`` in the standalone project).

How it works: docs/architecture.md, section ``badgecms.api.urls``.
"""

from django.urls import path, re_path

from badgecms.api import docs_views, preview_views, review_links, views
from badgecms.api.badges import open_badges
from badgecms.api.badges import views as badge_views

app_name = "badgecms_api"

urlpatterns = [
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/by-path/", views.PagePathView.as_view(), name="page-by-path"),
    path("pages/<int:pk>/", views.PageDetailView.as_view(), name="page-detail"),
    path("faqs/", views.FAQListView.as_view(), name="faq-list"),
    path("badges/", badge_views.BadgeListView.as_view(), name="badge-list"),
    path("badges/<int:pk>/", badge_views.BadgeDetailView.as_view(), name="badge-detail"),
    path("openbadges/v2/issuer/", open_badges.IssuerV2View.as_view(), name="openbadges-v2-issuer"),
    path(
        "openbadges/v2/badges/<int:pk>/",
        open_badges.BadgeClassView.as_view(),
        name="openbadges-badge-class",
    ),
    path("openbadges/v3/issuer/", open_badges.ProfileV3View.as_view(), name="openbadges-v3-issuer"),
    path(
        "openbadges/v3/achievements/<int:pk>/",
        open_badges.AchievementView.as_view(),
        name="openbadges-achievement",
    ),
    path("schema/", docs_views.SchemaView.as_view(), name="schema"),
    path("docs/", docs_views.SwaggerUIView.as_view(), name="docs"),
    path("preview/", preview_views.PreviewView.as_view(), name="preview"),
    # Review links: an HTML page (or a redirect to the frontend), see review_links.py.
    path("review/<str:key>/", review_links.ReviewLinkView.as_view(), name="review-link"),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
