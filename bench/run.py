"""``make bench``: measure our content API detail (warm and cold), our HTML landing page,
Wagtail's stock API v2 and a pre-built-bytes view side by side, in one run.

Steps: a fresh SQLite database in a temporary folder (a copy of a freshly migrated
database, kept in ``bench/.cache`` per set of migrations; then seeded with pages of 13, 100
and 1000 FAQ items, see :mod:`bench.seed`); publish times; admin preview times
(in-process, see :mod:`bench.preview`); SQL queries per request counted in this process
(Django's ``CaptureQueriesContext``); the response bodies saved as the pre-built bytes of
the ceiling; two gunicorn servers (response cache on, and off for the cold rows); one wrk
run per row. Prints the table and writes docs/benchmarks.md.

Environment: ``BENCH_SECONDS`` (seconds per wrk run, default 2; a rendered row gets half
as much again of requests), ``BENCH_SIZES``
(comma-separated FAQ counts, default ``13,100,1000``), ``BENCH_ROWS`` (comma-separated
parts of row names, e.g. ``ceiling,warm``: only the rows whose name holds one are measured,
their rates and ratios printed, and docs/benchmarks.md is left as it is; ``cold`` also
measures API v2 and times the admin preview, and prints the targets of issue 15).
"""

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from hashlib import sha256
from importlib.metadata import version
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
WORK = Path(tempfile.mkdtemp(prefix="badgecms-bench-"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))
#: wrk runs per row served from bytes; the best one counts.
ROUNDS = 5
#: Seconds of requests per worker in the closed loop of a rendered row.
LOOP_SECONDS = 1.5 * SECONDS
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "13,100,1000").split(",")]
ROWS = [part for part in os.environ.get("BENCH_ROWS", "").split(",") if part]
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "BENCH_DATABASE": str(WORK / "bench.sqlite3"),
    "BENCH_CEILING_DIR": str(WORK / "prebuilt"),
    "MEDIA_ROOT": str(WORK / "media"),
    "PYTHONPATH": str(ROOT),
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import report  # noqa: E402
from bench.importing import parse_seconds, report_lines  # noqa: E402
from bench.load import Server, closed_loop, wrk  # noqa: E402
from bench.preview import preview_milliseconds  # noqa: E402
from bench.seed import publish_seconds, seed  # noqa: E402


def unsafe_fast_sqlite(sender, connection, **kwargs):
    """Set-up of the throwaway database only: no fsync, journal in memory."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA journal_mode = MEMORY")


def queries_and_body(url, cached):
    """SQL queries of one request of ``url`` in this process, the response body and the
    request's duration in seconds: for ``cached``, the second of two requests (a warm
    hit); else one request with the response cache off."""
    client = Client(HTTP_HOST="127.0.0.1")
    timeout = 86400 if cached else 0
    with override_settings(BADGECMS={**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": timeout}):
        if cached:
            client.get(url)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        duration = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response.content, duration


@dataclass(frozen=True)
class Scenario:
    """A row to measure: FAQ count, name, server (``cached``/``cold``), path, SQL queries
    per request, kind (``json``/``html``: the ceiling it is compared with), body size and
    the duration
    of one request in this process (seconds)."""

    faq_count: int
    name: str
    server: str
    path: str
    queries: int
    kind: str
    size: int
    seconds: float


def scenarios(pages):
    """The rows of the table, measured in this process (queries, sizes, durations); the
    bodies of our detail and page are saved as the pre-built bytes of the ceilings."""
    prebuilt = WORK / "prebuilt"
    prebuilt.mkdir()
    rows = []
    for count, page in pages.items():
        detail = f"/api/v1/pages/{page.id}/"
        stock = f"/bench/api/v2/pages/{page.id}/"
        json_ceiling = f"/bench/prebuilt/api-{page.id}.json/"
        html_ceiling = f"/bench/prebuilt/page-{page.id}.html/"
        warm = queries_and_body(detail, cached=True)
        (prebuilt / f"api-{page.id}.json").write_bytes(warm[1])
        html = queries_and_body(page.url, cached=True)
        (prebuilt / f"page-{page.id}.html").write_bytes(html[1])
        cold = queries_and_body(detail, cached=False)
        stock_api = queries_and_body(stock, cached=False)
        json_top = queries_and_body(json_ceiling, cached=False)
        html_top = queries_and_body(html_ceiling, cached=False)
        for name, server, path, (queries, body, seconds), kind in [
            ("ceiling: pre-built JSON bytes", "cached", json_ceiling, json_top, "json"),
            ("our detail, warm", "cached", detail, warm, "json"),
            ("our detail, cold", "cold", detail, cold, "json"),
            ("Wagtail API v2 detail", "cold", stock, stock_api, "json"),
            ("ceiling: pre-built HTML bytes", "cached", html_ceiling, html_top, "html"),
            ("our HTML page, warm", "cached", page.url, html, "html"),
        ]:
            rows.append(Scenario(count, name, server, path, queries, kind, len(body), seconds))
    return rows


def measure_all(servers, rows):
    """The :class:`~bench.load.Measurement` list of each row, in the order of ``rows``.

    Rows served from bytes (the ceilings and the warm rows): wrk after a 1 s warm-up,
    ``ROUNDS`` rounds over all such rows of a page size (one run each per round), so that a
    burst of load from other processes on the shared cores does not fall on one row
    only. Rendered rows (cold, API v2): a closed loop of about ``LOOP_SECONDS`` of requests
    per worker (at least one), since a timed wrk run leaves requests running in the
    server, which would slow the next rows.
    """
    results = {}
    for count in dict.fromkeys(row.faq_count for row in rows):
        fast = [row for row in rows if row.faq_count == count and row.server == "cached"]
        slow = [row for row in rows if row.faq_count == count and row.server == "cold"]
        urls = {row: servers[row.server].url + row.path for row in fast}
        for row in fast:
            wrk(urls[row], 1)  # warm-up: every worker has served (and cached) it
        runs = {row: [] for row in fast}
        for _ in range(ROUNDS):
            for row in fast:
                runs[row].append(wrk(urls[row], SECONDS))
        for row in fast:
            results[row] = runs[row]
        for row in slow:
            if row.seconds < 1:
                servers[row.server].warm_up(row.path)
            requests = min(200, max(1, round(LOOP_SECONDS / row.seconds)))
            results[row] = [closed_loop(servers[row.server].url + row.path, requests)]
        for row in fast + slow:
            rate = median(run.requests_per_second for run in results[row])
            print(f"  {row.faq_count:>5} FAQs  {row.name:<32} {rate:>9.1f} req/s", flush=True)
    return [results[row] for row in rows]


def migrated_database():
    """Create the benchmark's database: a copy of a freshly migrated one, kept in
    ``bench/.cache`` per set of migrations (migrating takes most of a minute)."""
    digest = sha256(version("Django").encode())
    for app in apps.get_app_configs():
        for migration in sorted(Path(app.path, "migrations").glob("*.py")):
            digest.update(f"{app.label}/{migration.name}".encode() + migration.read_bytes())
    template = CACHE / f"migrated-{digest.hexdigest()[:16]}.sqlite3"
    database = Path(ENV["BENCH_DATABASE"])
    if template.exists():
        shutil.copyfile(template, database)
        return
    # The driver's own connection skips fsync while migrating the throwaway database.
    connection_created.connect(unsafe_fast_sqlite)
    call_command("migrate", verbosity=0)
    connection.close()
    connection_created.disconnect(unsafe_fast_sqlite)
    CACHE.mkdir(exist_ok=True)
    partial = template.with_suffix(".partial")
    shutil.copyfile(database, partial)
    partial.replace(template)


def main():
    started = time.monotonic()

    def step(text):
        print(f"[{time.monotonic() - started:5.0f} s] {text}", flush=True)

    step(f"badgecms benchmark in {WORK} ({os.cpu_count()} cores), {SECONDS} s per run")
    migrated_database()
    step("migrated; seeding")
    pages = seed(SIZES)
    publish, parsing, preview = {}, [], {}
    if not ROWS:  # a filtered run measures only the rows it names
        step("seeded; timing publishes")
        publish = {count: publish_seconds(page) for count, page in pages.items()}
        step("timing the importer's parsing")
        parsing = report_lines(parse_seconds())
    if not ROWS or "cold" in ROWS:
        step("timing admin previews")
        preview = {count: preview_milliseconds(page) for count, page in pages.items()}
    step("counting SQL queries per request")
    rows = scenarios(pages)
    if ROWS:
        parts = [*ROWS, "Wagtail API v2"] if "cold" in ROWS else ROWS  # cold is read against v2
        rows = [row for row in rows if any(part in row.name for part in parts)]
    connection.close()  # the servers open their own connections to the SQLite file

    environments = {"cached": ENV, "cold": {**ENV, "CONTENT_CACHE_TIMEOUT": "0"}}
    servers = {
        name: Server(environment, WORK / f"{name}.log")
        for name, environment in environments.items()
        if any(row.server == name for row in rows)
    }
    try:
        for server in servers.values():
            server.wait_until_ready(rows[0].path)
        step("servers ready; load")
        load_before = os.getloadavg()[0]
        measurements = measure_all(servers, rows)
        load_after = os.getloadavg()[0]
    finally:
        for server in servers.values():
            server.stop()

    results = [
        report.Row(row.faq_count, row.name, row.kind, row.size, row.queries, tuple(runs))
        for row, runs in zip(rows, measurements, strict=True)
    ]
    if ROWS:
        for row in results:
            ceiling = f"ceiling: pre-built {row.kind.upper()}"
            if any(r.faq_count == row.faq_count and r.name.startswith(ceiling) for r in results):
                rate = report.ratio(results, row)
                print(f"  {row.faq_count:>5} FAQs  {row.name:<32} {rate:.2f} x ceiling")
        if "cold" in ROWS:
            print("\n".join(report.cold_lines(results, preview)))
        shutil.rmtree(WORK, ignore_errors=True)
        return
    table = report.render(results, publish, preview)
    print(table)
    print("\n".join(parsing))
    report.write_markdown(
        ROOT / "docs" / "benchmarks.md",
        results,
        publish,
        preview,
        (SECONDS, ROUNDS, LOOP_SECONDS),
        (load_before, load_after),
    )
    step("wrote docs/benchmarks.md")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
