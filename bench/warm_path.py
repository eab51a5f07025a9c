"""In-process timing of the warm path: our detail and HTML page from the response cache
against the pre-built-bytes ceilings, each called as gunicorn calls it (the WSGI
application with a fresh environ), on the benchmark's database and settings.

``python -m bench.warm_path`` (``BENCH_SIZES``, default ``13,100``; ``BENCH_CALLS``,
calls per timing, default 2000; ``BENCH_PROFILE=1`` prints a cProfile of the warm
detail). Prints microseconds per call and the ratio to the ceiling (ceiling time over
the row's time, as ``x ceiling`` in docs/benchmarks.md).
"""

import cProfile
import io
import os
import pstats
import sys
import time

from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from bench import run  # sets up Django with the benchmark settings

CALLS = int(os.environ.get("BENCH_CALLS", "2000"))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "13,100").split(",")]


def environ(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(application, path):
    statuses = []
    body = b"".join(application(environ(path), lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("200"), (path, statuses)
    return body


def microseconds(application, path):
    for _ in range(50):
        call(application, path)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(CALLS):
            call(application, path)
        best = min(best, (time.perf_counter() - start) / CALLS)
    return best * 1e6


def main():
    run.migrated_database()
    pages = run.seed(SIZES)
    prebuilt = run.WORK / "prebuilt"
    prebuilt.mkdir()
    client = Client(HTTP_HOST="127.0.0.1")
    application = WSGIHandler()
    for count, page in pages.items():
        detail = f"/api/v1/pages/{page.id}/"
        for name, path in (("api", detail), ("page", page.url)):
            client.get(path)
            suffix = "json" if name == "api" else "html"
            (prebuilt / f"{name}-{page.id}.{suffix}").write_bytes(client.get(path).content)
        rows = [
            ("ceiling: pre-built JSON bytes", f"/bench/prebuilt/api-{page.id}.json/", "JSON"),
            ("our detail, warm", detail, "JSON"),
            ("ceiling: pre-built HTML bytes", f"/bench/prebuilt/page-{page.id}.html/", "HTML"),
            ("our HTML page, warm", page.url, "HTML"),
        ]
        times = {name: microseconds(application, path) for name, path, _kind in rows}
        for name, _path, kind in rows:
            ratio = times[f"ceiling: pre-built {kind} bytes"] / times[name]
            print(f"{count:>5} FAQs  {name:<32} {times[name]:8.1f} us  {ratio:.2f} x ceiling")
        if os.environ.get("BENCH_PROFILE"):
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(CALLS):
                call(application, detail)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
