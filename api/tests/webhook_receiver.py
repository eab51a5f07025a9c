"""Test helpers for webhooks: a real HTTP receiver on 127.0.0.1 (``http.server`` in a
thread) and the real task worker (``manage.py db_worker``) run as a separate process."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


class Receiver:
    """An HTTP server on 127.0.0.1 recording every request (``requests``: a list of
    ``{"path", "headers", "body"}``, body as text) and answering with ``answers`` in turn
    (``(status, headers)`` tuples; ``200`` once they run out)."""

    def __init__(self, answers=()):
        self.requests = []
        self.answers = list(answers)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(
                    {
                        "path": self.path,
                        "headers": {name.lower(): value for name, value in self.headers.items()},
                        "body": body.decode(),
                    }
                )
                status, headers = receiver.answers.pop(0) if receiver.answers else (200, {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                answer = json.dumps({"received": len(receiver.requests)}).encode()
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def payloads(self):
        """The JSON bodies received, in order."""
        return [json.loads(request["body"]) for request in self.requests]


def database_url(database):
    """The ``DATABASE_URL`` of Django's ``database`` settings (the test database)."""
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}"
    )


def start_worker_process():
    """Start ``manage.py db_worker --backend webhooks --batch`` in another process on the
    test database; it stops once the queue has nothing ready. Returns the ``Popen``.
    Needs committed data (``django_db(transaction=True)``)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "badgecms.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--backend", "webhooks", "--batch"]
        + ["--no-startup-delay", "--no-reload", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_worker(process):
    """Wait for a worker of :func:`start_worker_process`; raise ``AssertionError`` with
    its output if it failed. Returns the output."""
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    return output


def run_worker_process():
    """Run a worker process (:func:`start_worker_process`) until the queue is empty."""
    return wait_for_worker(start_worker_process())
