"""``make soak``: a bounded soak of the whole stack, not part of ``make test``.

gunicorn (``SOAK_WORKERS`` workers, default 3) on a PostgreSQL database it creates
(``SOAK_DATABASE_URL``, default ``postgres://root@127.0.0.1:5432``; dropped at the end)
and a ``redis-server`` of its own; 16 reader threads read the page ``/soak/`` (API
detail by path, the HTML page, the listing) for ``SOAK_SECONDS`` (default 120) while an
editor process (:mod:`bench.soak_editor`) publishes, schedules and imports new revisions.

Prints requests, 5xx, stale reads (a response showing a revision older than one whose
publish had already committed when the request was sent) and p99 latency; exits 1 on
any 5xx or stale read. Figures of a run: ``docs/reliability.md``.
"""

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psycopg
import redis

from tests.helpers.servers import ROOT, Server, free_port

SECONDS = float(os.environ.get("SOAK_SECONDS", "120"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "3"))
READERS = 16
POSTGRES = os.environ.get("SOAK_DATABASE_URL", "postgres://root@127.0.0.1:5432")
DOCUMENT = ROOT / "examples" / "content" / "credly-badge-landing-template.md"
PATHS = ("/api/v1/pages/by-path/?path=/soak/", "/soak/", "/api/v1/pages/?limit=50")
REVISION = re.compile(r"Soak rev (\d+)")


class Tally:
    """What the readers saw: latencies (seconds), 5xx, stale reads, other failures."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.server_errors, self.stale, self.failures = [], 0, 0, []

    def add(self, latency, status, stale, failure=None):
        with self.lock:
            self.latencies.append(latency)
            self.server_errors += status >= 500
            self.stale += stale
            if failure:
                self.failures.append(failure)


def read_loop(url, marker, deadline, tally, offset):
    number = offset
    while time.monotonic() < deadline:
        path = PATHS[number % len(PATHS)]
        number += 1
        committed = int(Path(marker).read_text())
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url + path, timeout=60) as response:  # noqa: S310
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode()
        latency = time.monotonic() - started
        seen = [int(found) for found in REVISION.findall(body)]
        if status != 200 or not seen:
            tally.add(latency, status, False, f"{path}: {status} {body[:200]}")
        else:
            tally.add(latency, status, max(seen) < committed)


def run(folder):
    name = f"badgecms_soak_{uuid.uuid4().hex[:8]}"
    redis_port = free_port()
    redis_process = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    server = None
    try:
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        for _ in range(100):
            try:
                redis.Redis.from_url(redis_url).ping()
                break
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "CACHE_DIR")},
            "DJANGO_SETTINGS_MODULE": "badgecms.settings.test",
            "DATABASE_URL": f"{POSTGRES}/{name}",
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(folder / "media"),
            "PYTHONPATH": str(ROOT),
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True)
        subprocess.run([*manage, "setup_demo", "--no-admin"], env=env, check=True)
        marker = folder / "committed"
        editor_log = (folder / "editor.log").open("w")  # the importer's warnings
        editor = subprocess.Popen(
            [sys.executable, "-m", "bench.soak_editor", str(SECONDS), str(marker), str(DOCUMENT)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=editor_log,
            text=True,
        )  # import_landing_page reports on stdout; the last line is the editor's count
        while not marker.exists():
            if editor.poll() is not None:
                raise SystemExit("the soak editor failed before its first publish")
            time.sleep(0.1)
        server = Server(env, folder, workers=WORKERS)
        tally = Tally()
        deadline = time.monotonic() + SECONDS
        readers = [
            threading.Thread(target=read_loop, args=(server.url, marker, deadline, tally, i))
            for i in range(READERS)
        ]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
        publishes = editor.communicate(timeout=120)[0].strip().splitlines()[-1]
        if editor.returncode != 0:
            log = (folder / "editor.log").read_text()[-2000:]
            raise SystemExit(f"the soak editor failed (exit {editor.returncode}):\n{log}")
        return tally, publishes
    finally:
        if server is not None:
            server.stop()
        redis_process.terminate()
        redis_process.wait(timeout=30)
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main():
    with tempfile.TemporaryDirectory(prefix="badgecms-soak-") as folder:
        tally, publishes = run(Path(folder))
    latencies = sorted(tally.latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0
    print(
        f"soak: {SECONDS:.0f} s, {WORKERS} gunicorn workers, {READERS} readers, {publishes}\n"
        f"requests {len(latencies)}  5xx {tally.server_errors}  stale reads {tally.stale}  "
        f"other failures {len(tally.failures)}  p99 {p99 * 1000:.0f} ms"
    )
    for failure in tally.failures[:5]:
        print("  ", failure)
    return 1 if tally.server_errors or tally.stale or tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
