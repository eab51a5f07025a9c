"""The apps' settings: one ``BADGECMS`` dict read through ``badgecms.conf.AppSettings``,
with each app's defaults in its ``conf`` module, every key documented."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from badgecms.api.conf import DEFAULTS as API_DEFAULTS
from badgecms.api.conf import api_settings
from badgecms.conf import AppSettings
from badgecms.home.conf import DEFAULTS as HOME_DEFAULTS
from badgecms.home.conf import home_settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_DOC = ROOT / "docs" / "settings.md"


def test_unset_keys_give_the_defaults(settings):
    del settings.BADGECMS
    assert home_settings.CONTENT_CACHE_TIMEOUT == 86400
    assert home_settings.PARENT_PAGE_TYPES is None
    assert api_settings.API_THROTTLE_RATE == "120/minute"
    assert api_settings.PREVIEW_TOKEN_MAX_AGE == 3600


def test_a_set_key_wins_at_once(badgecms_settings):
    badgecms_settings(API_CACHE_MAX_AGE=7)
    assert api_settings.API_CACHE_MAX_AGE == 7
    badgecms_settings(API_CACHE_MAX_AGE=9)
    assert api_settings.API_CACHE_MAX_AGE == 9


def test_a_name_without_default_is_an_error_not_unset():
    with pytest.raises(AttributeError, match="'CACHE_TIMEOUT' is not a badgecms setting"):
        home_settings.CACHE_TIMEOUT  # noqa: B018
    assert dir(AppSettings({"B": 1, "A": 2})) == ["A", "B"]


def test_every_key_is_documented():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", SETTINGS_DOC.read_text(), re.M))
    assert set(HOME_DEFAULTS) | set(API_DEFAULTS) <= documented


def test_parent_page_types_narrows_where_landing_pages_go(tmp_path):
    """Any page type may hold a landing page (a host's HomePage too) unless
    ``PARENT_PAGE_TYPES`` names the allowed ones (read when the models load)."""
    (tmp_path / "narrow_settings.py").write_text(
        "from badgecms.settings.test import *  # noqa\n"
        'BADGECMS = {**BADGECMS, "PARENT_PAGE_TYPES": ["badgecms_home.BadgeLandingPage"]}\n'
    )
    code = (
        "import django; django.setup()\n"
        "from badgecms.home.models import BadgeLandingPage\n"
        "print([m._meta.label for m in BadgeLandingPage.clean_parent_page_models()])\n"
    )
    outputs = {}
    for module in ("badgecms.settings.test", "narrow_settings"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": module, "PYTHONPATH": str(tmp_path)},
        )
        assert result.returncode == 0, result.stderr
        outputs[module] = result.stdout.strip()
    assert outputs["narrow_settings"] == "['badgecms_home.BadgeLandingPage']"
    assert "'wagtailcore.Page'" in outputs["badgecms.settings.test"]


def test_stylesheet_setting_chooses_or_drops_the_page_stylesheet(
    seed_page, client, badgecms_settings
):
    badgecms_settings(CONTENT_CACHE_TIMEOUT=0)
    assert 'href="/static/badgecms_home/css/site.css"' in client.get("/").text
    badgecms_settings(STYLESHEET="mysite/badges.css")
    assert 'href="/static/mysite/badges.css"' in client.get("/").text
    badgecms_settings(STYLESHEET=None)
    html = client.get("/").text
    assert "<details" in html
    assert "stylesheet" not in html.split("<main", 1)[1]
