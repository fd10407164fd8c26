"""Production settings: what an operator gets from the environment alone."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet


def run_concord(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-m", "concord.cli", *args],
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = run_concord(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x7Qp9" * 10,
        ALLOWED_HOSTS="concord.example.org",
        CONCORD_COOPERATION_KEYS=Fernet.generate_key().decode(),
        CONCORD_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_needs_its_own_cooperation_keys(tmp_path):
    result = run_concord(
        "check",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x7Qp9" * 10,
        ALLOWED_HOSTS="concord.example.org",
        CONCORD_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "concord.cooperation.E001" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_concord("check", DEBUG="0", CONCORD_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_health_reports_the_database(client):
    response = client.get("/health", secure=True)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
