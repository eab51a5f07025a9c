"""URLs of the content API, mounted under ``/api/v1/`` by the project."""

from django.urls import path

from api import preview_views, views

app_name = "api"

urlpatterns = [
    path("pages/<int:pk>/", views.PageDetailView.as_view(), name="page-detail"),
    path("preview/", preview_views.PreviewView.as_view(), name="preview"),
]
