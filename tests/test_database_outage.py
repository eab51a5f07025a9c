"""Fault: PostgreSQL restarted while the site serves. A PostgreSQL cluster of the test's
own (``initdb``/``pg_ctl`` of the OS packages, another port) behind a real gunicorn with
persistent connections and health checks (``DATABASE_CONN_MAX_AGE``,
``DATABASE_CONN_HEALTH_CHECKS``), the response cache off so every request needs the
database.

Proves: while PostgreSQL is down, the API answers 503 in the JSON error shape with
``Retry-After`` (no traceback) and the
HTML page the site's plain error page; once it is back, the same server answers 200 with
the content, without a restart.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from tests.helpers.servers import Server, free_port, manage, process_environment

pytestmark = pytest.mark.postgresql

BIN = next(Path("/usr/lib/postgresql").glob("*/bin"), None)


def as_postgres(*command):
    """Run a PostgreSQL tool as the ``postgres`` user when root (initdb refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)


class Cluster:
    """A PostgreSQL cluster in a new folder, on 127.0.0.1:``port``, superuser ``root``."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="badgecms-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = free_port()
        as_postgres(str(BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "root")
        self.start()
        with psycopg.connect(f"{self.url('postgres')}", autocommit=True) as connection:
            connection.execute("CREATE DATABASE badgecms")

    def url(self, database="badgecms"):
        return f"postgres://root@127.0.0.1:{self.port}/{database}"

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres(
            str(BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
            str(self.folder / "log"), "start",
        )  # fmt: skip

    def stop(self):
        as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        subprocess.run(
            ["runuser", "-u", "postgres", "--"] * (os.geteuid() == 0)
            + [str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def cluster():
    assert BIN is not None, "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin)"
    cluster = Cluster()
    yield cluster
    cluster.remove()


def test_requests_fail_cleanly_while_postgresql_restarts_and_recover(cluster, tmp_path):
    env = process_environment(
        tmp_path,
        tmp_path / "unused.sqlite3",
        CACHE_URL="dummy://",
        CONTENT_CACHE_TIMEOUT="0",
        DATABASE_CONN_MAX_AGE="600",
        DATABASE_CONN_HEALTH_CHECKS="1",
    )
    env["DATABASE_URL"] = cluster.url()
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "setup_demo", "--no-admin")
    server = Server(env, tmp_path, workers=1)
    try:
        listing = server.json("/api/v1/pages/")
        titles = [item["title"] for item in listing["results"]]
        assert titles
        page_url = listing["results"][0]["url"]
        path = "/" + page_url.split("/", 3)[3]
        assert server.get(path)[0] == 200

        cluster.stop()
        status, headers, body = server.request("/api/v1/pages/")
        assert status == 503, (status, body)
        assert headers["Content-Type"].startswith("application/json")
        assert headers["Retry-After"] == "5"
        assert json.loads(body)["error"]["code"] == "service_unavailable"
        assert "Traceback" not in body and "psycopg" not in body
        status, _, html = server.request(path)
        assert status in (500, 503)
        assert "Something went wrong" in html and "Traceback" not in html

        cluster.start()
        # The same gunicorn process: its dead connection is replaced on the next request.
        assert [item["title"] for item in server.json("/api/v1/pages/")["results"]] == titles
        assert server.get(path)[0] == 200
    finally:
        server.stop()
