"""The example frontend served by its own HTTP server (``examples/frontend/serve.py``) on
127.0.0.1, as a real process: the frontend of the live preview tests."""

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

SERVE = Path(__file__).resolve().parents[2] / "examples" / "frontend" / "serve.py"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def example_frontend_server(admin_origin=""):
    """Run ``serve.py --admin-origin <admin_origin>`` on a free port; yield its origin,
    ``"http://127.0.0.1:<port>"``. Raises ``RuntimeError`` if it does not start in 10 s."""
    port = _free_port()
    command = [sys.executable, str(SERVE), "--port", str(port)]
    if admin_origin:
        command += ["--admin-origin", admin_origin]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the example frontend's server did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=5)
