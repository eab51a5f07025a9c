"""System checks of ``badgecms.home``: a database of the old app labels (E001) and the base
template the landing page extends (E002, W002)."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from badgecms.home.checks import check_base_template

ROOT = Path(__file__).resolve().parents[2]


def test_a_database_of_the_old_labels_stops_migrate_with_one_sentence(tmp_path):
    database = tmp_path / "old.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE home_badgelandingpage (page_ptr_id integer)")
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "badgecms.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
        },
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (
        "(badgecms_home.E001) Database 'default' was made by badgecms before its apps were "
        "renamed (home, faq, api are now badgecms_home, badgecms_faq, badgecms_api): start "
        "from a new database" in result.stderr
    )
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"home_badgelandingpage"}  # nothing migrated


def test_the_standalone_base_template_fits():
    assert check_base_template() == []


def test_a_base_template_without_content_block_is_reported(badgecms_settings, settings, tmp_path):
    (tmp_path / "bare.html").write_text("<html><body>{% block main %}{% endblock %}</body></html>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    badgecms_settings(BASE_TEMPLATE="bare.html")
    assert [message.id for message in check_base_template()] == ["badgecms_home.W002"]
    badgecms_settings(BASE_TEMPLATE="missing.html")
    assert [message.id for message in check_base_template()] == ["badgecms_home.E002"]
