"""The documented production environment passes Django's deployment checks, and the
settings refuse to start production without what it needs."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import ROOT

EXAMPLE = ROOT / "deploy" / "production.env.example"


def example_env() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REVIEW_", "DATABASE_", "GUNICORN_"))
    }
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *args], env)


def settings_value(name: str, env: dict[str, str]) -> str:
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    proc = run([sys.executable, "-c", code], env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def production() -> dict[str, str]:
    env = example_env()
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)  # the one value it says to replace
    return env


def test_the_example_environment_passes_check_deploy_at_warning_level(production):
    proc = manage("check", "--deploy", "--fail-level", "WARNING", env=production)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_the_example_refuses_to_pass_with_its_placeholder_secret_key():
    proc = manage("check", "--deploy", "--fail-level", "WARNING", env=example_env())
    assert proc.returncode != 0
    assert "review.E001" in proc.stdout + proc.stderr


def test_one_switch_turns_on_tls_hardening(production):
    assert settings_value("SECURE_SSL_REDIRECT", production) == "True"
    assert settings_value("SECURE_HSTS_SECONDS", production) == str(365 * 24 * 3600)
    assert settings_value("SESSION_COOKIE_SECURE", production) == "True"
    assert settings_value("CSRF_COOKIE_SECURE", production) == "True"
    assert settings_value("SECURE_PROXY_SSL_HEADER", production) == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    assert settings_value("CSRF_COOKIE_HTTPONLY", production) == "True"
    plain = {**production, "DJANGO_HTTPS": "0"}
    assert settings_value("SECURE_HSTS_SECONDS", plain) == "0"
    proc = manage("check", "--deploy", "--fail-level", "WARNING", env=plain)
    assert proc.returncode != 0 and "security.W004" in proc.stdout + proc.stderr


@pytest.mark.parametrize("missing", ["REVIEW_SITE_URL", "DJANGO_EMAIL_BACKEND"])
def test_production_will_not_start_without_the_site_url_or_a_mail_backend(production, missing):
    env = {k: v for k, v in production.items() if k != missing}
    proc = manage("check", env=env)
    assert proc.returncode != 0
    assert "ImproperlyConfigured" in proc.stderr and missing in proc.stderr


def test_gunicorn_reads_its_config_and_loads_the_app(production):
    config = {}
    exec((ROOT / "gunicorn.conf.py").read_text(encoding="utf-8"), config)
    assert config["workers"] == 2 * os.cpu_count() + 1
    assert config["timeout"] >= 60 and config["max_requests"] > 0
    assert config["max_requests_jitter"] > 0
    gunicorn = [sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py"]
    proc = run(gunicorn, production)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_postgresql_prepares_repeated_statements_unless_switched_off(production):
    options = "DATABASES['default']['OPTIONS']"
    prepared = settings_value(options, production)
    assert "'server_side_binding': True" in prepared and "'prepare_threshold': 5" in prepared
    pooled = settings_value(options, {**production, "DATABASE_PREPARED_STATEMENTS": "0"})
    assert "server_side_binding" not in pooled and "prepare_threshold" not in pooled
    embedded = settings_value(options, {"DJANGO_DEBUG": "1"})  # SQLite, the embedded default
    assert "server_side_binding" not in embedded and "transaction_mode" in embedded
