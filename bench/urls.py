"""URLs of the benchmark server: the project's own URLs, Wagtail's stock API v2 under
``/bench/api/v2/`` and the ceiling ``/bench/prebuilt/<name>/``: pre-built bytes (a
response body saved by the driver) returned as they are."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path

from badgecms.urls import urlpatterns as project_urlpatterns
from bench.stock_api import api_router


@cache
def _prebuilt(name):
    body = Path(settings.BENCH_CEILING_DIR, name).resolve()
    if body.parent != Path(settings.BENCH_CEILING_DIR).resolve() or not body.is_file():
        raise Http404
    content_type = "text/html; charset=utf-8" if name.endswith(".html") else "application/json"
    return body.read_bytes(), content_type


def prebuilt(request, name):
    """The ceiling: bytes read once per process, returned with no other work."""
    content, content_type = _prebuilt(name)
    return HttpResponse(content, content_type=content_type)


urlpatterns = [
    path("bench/api/v2/", api_router.urls),
    path("bench/prebuilt/<str:name>/", prebuilt),
    *project_urlpatterns,
]
