"""The API contract: the checked-in OpenAPI document (docs/openapi.yaml), the checked-in
JSON of the seed page (api/tests/snapshots/seed_page.json), and the served schema and
documentation pages.

A deliberate change of the contract regenerates both snapshots in the same commit:
``make snapshots`` runs these tests with ``UPDATE_SNAPSHOTS=1``, which writes the files
instead of comparing them.

Seed page snapshot normalisation (the values that differ from one database to the next):
the page ``id`` becomes ``"<page id>"``, each FAQ block ``id`` becomes ``"<block id>"``
and ``last_published_at`` becomes ``"<datetime>"``. The test checks those values apart
(the page's real id, UUIDs, an ISO 8601 time).
"""

import json
import os
import uuid
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from drf_spectacular.renderers import OpenApiYamlRenderer

from badgecms.api.docs_views import openapi_document

pytestmark = pytest.mark.django_db

OPENAPI_SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
SEED_SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "seed_page.json"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"


def generated_yaml():
    schema = openapi_document()
    return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


def check_snapshot(path, text):
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.name} is out of date: run `make snapshots` and commit the result."
    )


def test_openapi_document_matches_the_checked_in_snapshot():
    check_snapshot(OPENAPI_SNAPSHOT, generated_yaml())


def test_served_schema_is_the_snapshot(api_client):
    snapshot = yaml.safe_load(OPENAPI_SNAPSHOT.read_text(encoding="utf-8"))
    response = api_client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    assert yaml.safe_load(response.content) == snapshot
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    assert json.loads(response.content) == snapshot


def normalised(data):
    data = {**data, "id": "<page id>", "last_published_at": "<datetime>"}
    data["faqs"] = [{**item, "id": "<block id>"} for item in data["faqs"]]
    return data


def test_seed_page_detail_matches_the_checked_in_snapshot(api_client, seed_page):
    response = api_client.get(f"/api/v1/pages/{seed_page.id}/")
    data = response.json()
    assert data["id"] == seed_page.id
    assert all(uuid.UUID(item["id"]) for item in data["faqs"])
    assert datetime.fromisoformat(data["last_published_at"]) == seed_page.last_published_at
    text = json.dumps(normalised(data), indent=2, ensure_ascii=False) + "\n"
    check_snapshot(SEED_SNAPSHOT, text)


def test_docs_page_is_served_without_a_cdn(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/schema/" in html
    assert "cdn" not in html.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        url = f"/static/drf_spectacular_sidecar/swagger-ui-dist/{asset}"
        assert url in html
        assert finders.find(url.removeprefix("/static/")) is not None


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/schema/"])
def test_docs_and_schema_refuse_writes_with_the_json_error_body(client, path):
    response = client.post(path)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "method_not_allowed"
