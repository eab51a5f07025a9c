"""The newcomer's path: ``make run``'s set-up steps against a fresh database."""

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from badgecms.home.models import BadgeLandingPage

ROOT = Path(__file__).resolve().parent.parent


def setup_demo(**options):
    out = StringIO()
    call_command("setup_demo", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_setup_demo_serves_the_seed_at_the_site_root(client):
    assert Page.objects.get(depth=2).title == "Welcome to your new Wagtail site!"
    out = setup_demo(port="8000")
    site = Site.objects.get(is_default_site=True)
    page = site.root_page.specific
    assert isinstance(page, BadgeLandingPage) and page.live
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert "Imported 13 FAQ items, 1 certification link into / (published)" in out
    password = re.search(r"username 'admin', password '([^']+)'", out).group(1)
    assert client.login(username="admin", password=password)
    assert f"JSON:         http://127.0.0.1:8000/api/v1/pages/{page.id}/" in out

    response = client.get("/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert "What is an open badge?" in response.content.decode()

    again = setup_demo(port="8000")
    assert "nothing imported" in again
    assert "exists already" in again and "password" not in again
    assert BadgeLandingPage.objects.count() == 1


def test_fresh_database_from_the_command_line(tmp_path):
    """Migrate and set up a brand-new SQLite file in a subprocess, as `make run` does."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "badgecms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
    result = subprocess.run(
        [*manage, "setup_demo", "--no-admin"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert "Imported 13 FAQ items, 1 certification link into / (published)" in result.stdout
    served = subprocess.run(
        [
            *manage, "shell", "-c",
            "from django.test import Client; r = Client().get('/', HTTP_HOST='127.0.0.1:8000');"
            "print(r.status_code, r.content.decode().count('class=\"faq-item\"'))",
        ],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert served.stdout.strip().splitlines()[-1].split() == ["200", "13"]
