"""Configuration from the environment (``badgecms.settings.base``) and the production
settings: ``manage.py check --deploy`` passes with the documented environment
(``.env.example``) and refuses to start without SECRET_KEY or ALLOWED_HOSTS."""

import os
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from badgecms.settings.base import cache_settings, env_bool, env_int, env_list, origin

ROOT = Path(__file__).resolve().parent.parent
ENV_EXAMPLE = ROOT / ".env.example"


def documented_environment():
    """The variables of .env.example as a dict (shell syntax: quotes are removed)."""
    variables = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = " ".join(shlex.split(value)) if value else ""
    return variables


def manage(args, env, tmp_path):
    """Run ``manage.py`` in a fresh interpreter with exactly ``env`` (plus PATH)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def production_env(tmp_path):
    """The documented environment with a real secret and a database this machine has."""
    env = documented_environment()
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/15",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    return env


class TestEnvironmentHelpers:
    def test_cache_url_selects_redis_files_locmem_or_dummy(self, monkeypatch, tmp_path):
        monkeypatch.setenv("CACHE_KEY_PREFIX", "site-a")
        assert cache_settings("redis://cache.internal:6379/2", tmp_path) == {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://cache.internal:6379/2",
            "KEY_PREFIX": "site-a",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        # Throttle counters and Wagtail's lookups read as empty while Redis is down.
        soft = cache_settings("redis://cache.internal:6379/2", tmp_path, fail_soft=True)
        assert soft["BACKEND"] == "django_redis.cache.RedisCache"
        assert soft["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
        redis_tls = cache_settings("rediss://cache:6380/0", tmp_path)
        assert redis_tls["LOCATION"] == "rediss://cache:6380/0"
        # The default: files every process of the machine shares (C18).
        assert cache_settings("", tmp_path) == {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
        assert cache_settings("locmem://", tmp_path)["BACKEND"].endswith("LocMemCache")
        assert cache_settings("dummy://", tmp_path)["BACKEND"].endswith("DummyCache")

    def test_unknown_cache_scheme_is_refused_by_name(self, tmp_path):
        with pytest.raises(ImproperlyConfigured, match="scheme 'memcached' is not supported"):
            cache_settings("memcached://127.0.0.1:11211", tmp_path)

    def test_env_bool_int_and_list(self, monkeypatch):
        monkeypatch.setenv("FLAG", "TRUE")
        assert env_bool("FLAG") is True
        monkeypatch.setenv("FLAG", "off")
        assert env_bool("FLAG", True) is False
        assert env_bool("UNSET_FLAG_FOR_TEST", True) is True
        monkeypatch.setenv("FLAG", "maybe")
        with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
            env_bool("FLAG")
        monkeypatch.setenv("NUMBER", "3600")
        assert env_int("NUMBER", 1) == 3600
        monkeypatch.setenv("NUMBER", "1h")
        with pytest.raises(ImproperlyConfigured, match="NUMBER='1h' is not a whole number"):
            env_int("NUMBER", 1)
        monkeypatch.setenv("HOSTS", " a.example.org, ,b.example.org ")
        assert env_list("HOSTS") == ["a.example.org", "b.example.org"]

    def test_origin(self):
        assert origin("https://cdn.example.org/static/") == "https://cdn.example.org"
        assert origin("/static/") is None

    def test_settings_every_app_reads_have_defaults(self):
        assert settings.BADGECMS["PREVIEW_TOKEN_MAX_AGE"] == 3600
        assert settings.BADGECMS["FRONTEND_PREVIEW_URL"] == ""
        assert settings.CORS_ALLOWED_ORIGINS == []
        assert settings.CSRF_TRUSTED_ORIGINS == []

    def test_sqlite_is_set_up_for_concurrent_writers(self):
        """C19: WAL, a busy timeout and BEGIN IMMEDIATE (proven under load by
        tests/test_concurrent_writes.py)."""
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            assert "transaction_mode" not in database.get("OPTIONS", {})
            return
        assert database["OPTIONS"] == {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        }

    def test_the_test_run_uses_the_cache_the_environment_names(self):
        url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
        backends = {alias: cache["BACKEND"] for alias, cache in settings.CACHES.items()}
        if url:
            assert backends == {
                "default": "django_redis.cache.RedisCache",
                "content": "django.core.cache.backends.redis.RedisCache",
            }
            assert settings.CACHES["content"]["LOCATION"] == url
        else:
            assert backends == {
                "default": "django.core.cache.backends.locmem.LocMemCache",
                "content": "django.core.cache.backends.filebased.FileBasedCache",
            }
            assert settings.CACHES["content"]["LOCATION"] == str(settings.CACHE_DIR)
        assert settings.BADGECMS["CONTENT_CACHE_ALIAS"] == "content"


class TestProductionSettings:
    def test_check_deploy_passes_with_the_documented_environment(self, production_env, tmp_path):
        result = manage(["check", "--deploy", "--fail-level", "WARNING"], production_env, tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "System check identified no issues (0 silenced)."

    def test_check_deploy_passes_with_only_the_two_required_variables(self, tmp_path):
        env = {
            "DJANGO_SETTINGS_MODULE": "badgecms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "badges.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
        result = manage(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    def test_documented_environment_reaches_the_settings(self, production_env, tmp_path):
        code = (
            "from django.conf import settings as s;"
            "print(s.DEBUG, s.ALLOWED_HOSTS, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT,"
            " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER,"
            " s.CACHES['default']['BACKEND'], s.STORAGES['staticfiles']['BACKEND'],"
            " s.CSRF_TRUSTED_ORIGINS, s.WAGTAILADMIN_BASE_URL, s.BADGECMS['PREVIEW_TOKEN_MAX_AGE'],"
            " s.WAGTAIL_SITE_NAME, sep=' | ')"
        )
        result = manage(["shell", "--no-imports", "-c", code], production_env, tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().split(" | ") == [
            "False",
            "['badges.example.org']",
            "31536000",
            "True",
            "True",
            "True",
            "('HTTP_X_FORWARDED_PROTO', 'https')",
            "django_redis.cache.RedisCache",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
            "['https://badges.example.org']",
            "https://badges.example.org",
            "3600",
            "Badge landing pages",
        ]

    @pytest.mark.parametrize(
        ("missing", "message"),
        [
            (
                "SECRET_KEY",
                "SECRET_KEY is not set: export a long random SECRET_KEY before starting badgecms.",
            ),
            (
                "ALLOWED_HOSTS",
                "ALLOWED_HOSTS is not set: export the comma-separated host names this site "
                "answers to.",
            ),
        ],
    )
    def test_refuses_to_start_without_a_required_variable(
        self, production_env, tmp_path, missing, message
    ):
        del production_env[missing]
        result = manage(["check", "--deploy"], production_env, tmp_path)
        assert result.returncode != 0
        assert result.stderr.strip().splitlines()[-1] == (
            f"django.core.exceptions.ImproperlyConfigured: {message}"
        )

    def test_an_empty_secret_key_is_refused_too(self, production_env, tmp_path):
        production_env["SECRET_KEY"] = "  "
        result = manage(["check"], production_env, tmp_path)
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_the_admin_calls_no_third_party(admin_client, settings):
    """The admin works offline: no Gravatar image, no request to Wagtail's release feed."""
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
    assert "releases.wagtail" not in html
    assert "w-upgrade" not in html
