"""Load generation of the benchmark: gunicorn servers on 127.0.0.1, wrk runs and closed
loops.

A server is gunicorn with a fixed number of sync workers serving ``badgecms.wsgi`` with the
benchmark settings. A measurement gives requests per second and the 50th and 99th
percentile latencies: a wrk run (one thread, ``CONNECTIONS`` connections, a fixed
duration) for fast responses, a closed loop of a fixed number of requests from one client
per worker for slow ones.
"""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from statistics import quantiles

WORKERS = 2
CONNECTIONS = 4
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A gunicorn process (``WORKERS`` sync workers) on a free port of 127.0.0.1."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Open for the server's lifetime; closed in stop().
        self._log = Path(log_path).open("w")  # noqa: SIM115
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "badgecms.wsgi:application",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                "--preload",
                # Stock API v2 needs minutes for a 1000-item page on a loaded machine.
                "--timeout=900",
            ],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self._log.name}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer {path} within {timeout} s")

    def warm_up(self, path):
        """Request ``path`` on as many connections as there are workers, at once, and wait
        for the answers (each worker has then served it once)."""
        with ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(self._get, [path] * WORKERS))

    def _get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=600) as response:  # noqa: S310
            return response.read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


@dataclass(frozen=True)
class Measurement:
    """One wrk run: requests per second, p50 and p99 latency in milliseconds, and the
    number of responses that were not 2xx/3xx or failed."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output):
    """Parse wrk's ``--latency`` report into a :class:`Measurement`."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(value) for value in socket_errors.groups())
    return Measurement(rate, p50, p99, errors)


def closed_loop(url, requests_per_client, clients=WORKERS):
    """Measure ``url`` with ``clients`` clients (one per worker by default) each sending
    ``requests_per_client`` requests one after the other; unlike a timed wrk run, no
    request is left running when the measurement ends."""

    def client(_):
        durations = []
        for _ in range(requests_per_client):
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310
                response.read()
            durations.append(time.perf_counter() - start)
        return durations

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        durations = sorted(d for batch in pool.map(client, range(clients)) for d in batch)
    elapsed = time.perf_counter() - start
    return Measurement(
        requests_per_second=len(durations) / elapsed,
        p50_ms=1000 * quantiles(durations, n=100, method="inclusive")[49],
        p99_ms=1000 * quantiles(durations, n=100, method="inclusive")[98],
        errors=0,
    )


def wrk(url, seconds, timeout=10):
    """Run wrk against ``url`` for ``seconds`` (one thread, ``CONNECTIONS`` connections,
    requests slower than ``timeout`` seconds counted as errors)."""
    result = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            f"--timeout={timeout}s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(result.stdout)
