"""Real processes for tests: a migrated SQLite database file, ``manage.py`` commands run
as separate processes and gunicorn servers on 127.0.0.1, all sharing one environment
(the test settings with ``DATABASE_URL`` and the cache variables set)."""

import http.cookiejar
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    """A TCP port on 127.0.0.1 free at the time of the call."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_environment(folder, database, **variables):
    """The environment of every process of a test: test settings, the SQLite file
    ``database``, media under ``folder``, plus ``variables`` (e.g. ``CACHE_DIR``)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "REDIS_URL", "CACHE_DIR", "DATABASE_URL")
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "badgecms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(folder / "media"),
        **variables,
    }


def manage(env, *arguments, check=True):
    """Run ``manage.py <arguments>`` as its own process; return the CompletedProcess."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
    return result


def migrated_database(folder):
    """Migrate a new SQLite file in ``folder`` and install the demo page; return its path.
    Tests copy it with :func:`copy_database` rather than migrating again."""
    database = folder / "template.sqlite3"
    env = process_environment(folder, database, CACHE_URL="dummy://")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "setup_demo", "--no-admin")
    return database


def copy_database(template, folder):
    """A copy of the database file ``template`` in ``folder``, and of the media beside it
    (the demo badges' images, which renditions are made from); returns its path."""
    database = folder / "db.sqlite3"
    # SQLite's backup API, not a file copy: in WAL mode recent pages may still sit in
    # the -wal file beside the database.
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(database)) as copy:
        source.backup(copy)
    if (template.parent / "media").is_dir():
        shutil.copytree(template.parent / "media", folder / "media", dirs_exist_ok=True)
    return database


class Server:
    """A gunicorn process serving ``badgecms.wsgi`` on 127.0.0.1 (``workers`` sync
    workers); ``get(path)`` returns ``(status, body text)``, ``json(path)`` the data."""

    def __init__(self, env, folder, workers=1, threads=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / f"gunicorn-{self.port}.log"
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "badgecms.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/api/v1/")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise AssertionError(self.log_path.read_text()) from None
                time.sleep(0.2)

    def request(self, path, method="GET", data=None, headers=None):
        """Send a request; return ``(status, headers, body text)`` whatever the status."""
        request = urllib.request.Request(  # noqa: S310 (a local test server)
            self.url + path, data=data, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, path):
        status, _, body = self.request(path)
        return status, body

    def json(self, path):
        status, body = self.get(path)
        assert status == 200, (path, status, body)
        return json.loads(body)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class Browser:
    """One signed-in editor's browser on ``server``: its own cookies (session, CSRF);
    ``get(path)`` and ``post(path, data)`` return ``(status, headers, body text)``
    without following redirects."""

    def __init__(self, server, username, password):
        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )
        self.get("/admin/login/")
        status, headers, _ = self.post(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert status == 302 and headers["Location"] == "/admin/", (status, headers)

    def csrf_token(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, path):
        return self._open(urllib.request.Request(self.server.url + path))  # noqa: S310

    def post(self, path, data):
        """Post ``data`` (a dict or a list of pairs) as a form, with the CSRF token."""
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        pairs.append(("csrfmiddlewaretoken", self.csrf_token()))
        request = urllib.request.Request(  # noqa: S310 (a local test server)
            self.server.url + path,
            data=urllib.parse.urlencode(pairs).encode(),
            headers={"Referer": self.server.url + path},
            method="POST",
        )
        return self._open(request)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
