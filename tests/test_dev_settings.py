"""Development settings: the README's example-frontend one-liner works against `make run`."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dev_setting(name, **env):
    code = f"import badgecms.settings.dev as s; print(s.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env}, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_example_frontend_may_call_the_local_api_from_any_local_port():
    assert dev_setting("CORS_ALLOWED_ORIGINS") == "[]"
    code = (
        "import re, badgecms.settings.dev as s; "
        "print([bool(re.match(s.CORS_ALLOWED_ORIGIN_REGEXES[0], origin)) for origin in "
        "('http://127.0.0.1:3000', 'http://localhost:8123', 'http://[::1]:5173', "
        "'http://127.0.0.1', 'https://evil.example', 'http://127.0.0.1.evil.example', "
        "'http://localhost:3000.evil.example')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin"}, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert result.stdout.strip() == "[True, True, True, True, False, False, False]"


def test_environment_overrides_the_example_origin():
    origins = dev_setting("CORS_ALLOWED_ORIGINS", CORS_ALLOWED_ORIGINS="https://front.example")
    assert origins == "['https://front.example']"
