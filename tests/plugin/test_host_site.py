"""badgecms installed as a plugin into a fresh ``wagtail start`` site (``make test-plugin``).

The wheel is built from this checkout and installed (not editable) into a new virtual
environment of ``PLUGIN_PYTHON`` (default: this Python); the host gets its own
``REST_FRAMEWORK`` settings and DRF view, then exactly the steps of ``docs/install.md``;
it is served by ``runserver`` on 127.0.0.1 and checked over HTTP. Marked ``plugin``: not
part of ``make test``.
"""

import json
import os
import re
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.helpers.servers import free_port

pytestmark = pytest.mark.plugin

ROOT = Path(__file__).resolve().parents[2]
PYTHON = os.environ.get("PLUGIN_PYTHON", sys.executable)
PREFIX = "/api/badges/v1/"
SEED = ROOT / "examples" / "content" / "credly-badge-landing-template.md"

#: The host's own DRF configuration, deliberately unlike the API's.
HOST_SETTINGS = """
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}
INSTALLED_APPS += ["rest_framework"]
"""
HOST_VIEW = """
from rest_framework.response import Response
from rest_framework.views import APIView


class HostPing(APIView):
    def get(self, request):
        return Response({"pong": True})


urlpatterns = [path("host-api/ping/", HostPing.as_view())] + urlpatterns
"""


#: The environment of the host's processes: not this project's Django settings.
HOST_ENV = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}


def run(args, cwd):
    """Run ``args``; fail the test with its output when it exits non-zero."""
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=HOST_ENV)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def install_steps():
    """The ``<!-- plugin-test … -->`` steps of docs/install.md: ``[(action, target, code)]``."""
    text = (ROOT / "docs" / "install.md").read_text()
    pattern = r"<!-- plugin-test (append|run) ?(\S*) -->\n```\w+\n(.*?)```"
    return re.findall(pattern, text, re.DOTALL)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), "."], ROOT)
    (built,) = folder.glob("badgecms-*.whl")
    return built


@pytest.fixture(scope="session")
def host(tmp_path_factory, wheel):
    """A ``wagtail start`` site with badgecms installed per docs/install.md, served on
    127.0.0.1; yields ``(base_url, project_dir, python)``."""
    work = tmp_path_factory.mktemp("host")
    run([PYTHON, "-m", "venv", str(work / "venv")], work)
    python = str(work / "venv" / "bin" / "python")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run([*pip, "-c", str(ROOT / "constraints.txt"), str(wheel)], work)
    run([str(work / "venv" / "bin" / "wagtail"), "start", "mysite"], work)
    project = work / "mysite"
    with open(project / "mysite" / "settings" / "base.py", "a") as settings:
        settings.write(HOST_SETTINGS)
    with open(project / "mysite" / "urls.py", "a") as urls:
        urls.write(HOST_VIEW)
    (project / SEED.name).write_text(SEED.read_text())
    steps = install_steps()
    assert [action for action, _, _ in steps] == ["append", "append", "run", "append", "run"]
    for action, target, code in steps:
        if action == "append":
            with open(project / target, "a") as file:
                file.write("\n" + code)
        else:
            run([python, *code.split()[1:]], project)
    with open(project / "mysite" / "settings" / "base.py", "a") as settings:
        settings.write('\nBADGECMS["API_THROTTLE_RATE"] = "40/minute"\n')
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project,
        env=HOST_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/admin/login/", timeout=2)  # noqa: S310
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail(f"the host did not start: {server.stderr.read()}")
    yield base, project, python
    server.terminate()
    server.wait(timeout=10)


def get(url, headers=None):
    """``(status, headers, body bytes)`` of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def api(host, path, headers=None):
    base, _, _ = host
    return get(base + PREFIX + path, headers)


def landing_page_id(host):
    status, _, body = api(host, "pages/")
    assert status == 200
    (page,) = json.loads(body)["results"]
    return page["id"]


def test_wheel_holds_the_apps_under_their_own_names_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"badgecms", "badgecms-0.1.0.dist-info"}
    packages = {"/".join(name.split("/")[:2]) for name in names if name.startswith("badgecms/")}
    assert packages == {
        "badgecms/__init__.py",
        "badgecms/conf.py",
        "badgecms/home",
        "badgecms/faq",
        "badgecms/api",
    }
    assert not [name for name in names if "/tests/" in name or "/settings/" in name]
    for resource in (
        "badgecms/home/templates/badgecms_home/badge_landing_page.html",
        "badgecms/faq/templates/badgecms_faq/faq_accordion.html",
        "badgecms/api/templates/badgecms_api/swagger_ui.html",
        "badgecms/home/static/badgecms_home/css/site.css",
        "badgecms/home/migrations/0001_initial.py",
    ):
        assert resource in names


def test_migrations_of_the_host_are_complete(host):
    _, project, python = host
    result = run([python, "manage.py", "makemigrations", "--check", "--dry-run"], project)
    assert "No changes detected" in result.stdout


def test_landing_page_html_has_the_seed_faq_and_json_ld(host):
    base, _, _ = host
    status, _, body = get(base + "/digital-badges/")
    html = body.decode()
    assert status == 200
    assert html.count("<details") == 13
    (json_ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(json_ld)
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == 13
    assert "badgecms_home/css/site.css" in html


def test_every_endpoint_answers_anonymously_despite_the_host_default(host):
    page_id = landing_page_id(host)
    for path in (
        f"pages/{page_id}/",
        "pages/by-path/?path=/digital-badges/",
        "faqs/?search=badge",
    ):
        status, headers, body = api(host, path)
        assert status == 200, path
        assert headers["Content-Type"] == "application/json", path
        assert json.loads(body), path
    status, _, body = api(host, f"pages/{page_id}/")
    assert len(json.loads(body)["faqs"]) == 13


def test_errors_have_the_documented_shape(host):
    cases = {
        "pages/?limit=abc": (400, "invalid_parameter", "limit"),
        "pages/?colour=red": (400, "invalid_parameter", "colour"),
        "pages/999999/": (404, "not_found", None),
        "preview/?token=nonsense": (403, "invalid_token", "token"),
        "no-such-endpoint/": (404, "not_found", None),
    }
    for path, (status_code, code, field) in cases.items():
        status, _, body = api(host, path)
        error = json.loads(body)["error"]
        assert (status, error["code"], error["field"]) == (status_code, code, field), path


def test_markup_is_escaped_in_json(host):
    page_id = landing_page_id(host)
    _, _, body = api(host, f"pages/{page_id}/")
    assert b"<" not in body
    assert b"\\u003c" in body


def test_conditional_get_answers_304(host):
    page_id = landing_page_id(host)
    status, headers, _ = api(host, f"pages/{page_id}/")
    assert headers["ETag"].startswith('"')
    status, _, body = api(host, f"pages/{page_id}/", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_host_drf_view_keeps_the_host_configuration(host):
    base, _, _ = host
    status, headers, body = get(base + "/host-api/ping/", {"Accept": "text/html"})
    assert status == 403
    assert headers["Content-Type"].startswith("text/html")  # the host's browsable renderer


def test_schema_lists_every_endpoint_under_the_host_prefix(host):
    status, _, body = api(host, "schema/", {"Accept": "application/vnd.oai.openapi+json"})
    assert status == 200
    paths = set(json.loads(body)["paths"])
    assert paths == {
        PREFIX + path
        for path in (
            "pages/",
            "pages/{id}/",
            "pages/by-path/",
            "faqs/",
            "badges/",
            "badges/{id}/",
            "openbadges/v2/issuer/",
            "openbadges/v2/badges/{id}/",
            "openbadges/v3/issuer/",
            "openbadges/v3/achievements/{id}/",
            "preview/",
        )
    }
    status, _, html = api(host, "docs/")
    assert status == 200
    assert f'data-schema-url="{PREFIX}schema/"' in html.decode()
    assert b"<script>" not in html  # no inline script


def test_editor_adds_a_landing_page_under_the_host_home_page(host):
    _, project, python = host
    script = textwrap.dedent(
        """
        from django.contrib.auth import get_user_model
        from django.test import Client
        from home.models import HomePage
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
        from wagtail.test.utils.form_data import streamfield
        from badgecms.home.models import BadgeLandingPage

        home = HomePage.objects.get()
        user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
        client = Client()
        client.force_login(user)
        url = f"/admin/pages/add/badgecms_home/badgelandingpage/{home.id}/"
        assert client.get(url).status_code == 200
        data = nested_form_data({
            "title": "Our badges", "slug": "our-badges",
            "intro_heading": "What is Digital Badging?", "intro": rich_text("<p>Hi.</p>"),
            "faq_heading": "FAQs",
            "faqs": streamfield([("faq", {"question": "Why?", "answer": rich_text("<p>A.</p>")})]),
            "certification_links": inline_formset([]),
            "badges_heading": "Our badges", "badges": inline_formset([]),
            "action-publish": "publish",
        })
        response = client.post(url, data)
        assert response.status_code == 302, response.content[-3000:]
        page = BadgeLandingPage.objects.get(slug="our-badges")
        assert page.get_parent().specific_class is HomePage and page.live
        print("added", page.url_path)
        """
    )
    result = run([python, "manage.py", "shell", "-c", script], project)
    assert "added /home/our-badges/" in result.stdout


def test_clients_are_throttled_with_the_error_shape(host):
    statuses = []
    for _ in range(60):
        status, headers, body = api(host, "pages/")
        statuses.append(status)
        if status == 429:
            break
    assert statuses[-1] == 429
    assert int(headers["Retry-After"]) > 0
    assert json.loads(body)["error"]["code"] == "throttled"
