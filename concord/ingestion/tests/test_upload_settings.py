"""The task backend and upload settings, read from the environment as an operator sets them."""

import os
import subprocess
import sys

SHOW = (
    "from django.conf import settings; "
    "print(settings.TASKS['default']['BACKEND'], getattr(settings, 'RQ_QUEUES', {}), "
    "settings.UPLOAD_MAX_BYTES)"
)


def settings_with(**env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONCORD_TASKS")}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "concord.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_database_backend_is_the_default():
    result = settings_with()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django_tasks_db.DatabaseBackend"
    assert result.stdout.split()[-1] == str(20 * 1024 * 1024)


def test_redis_is_chosen_with_its_address_and_the_limit_in_megabytes():
    result = settings_with(
        CONCORD_TASKS_BACKEND="rq",
        CONCORD_REDIS_URL="redis://queue.example.org:6379/2",
        CONCORD_UPLOAD_MAX_MB="5",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django_tasks_rq.RQBackend"
    assert "redis://queue.example.org:6379/2" in result.stdout
    assert result.stdout.split()[-1] == str(5 * 1024 * 1024)


def test_an_unknown_backend_stops_with_a_message_naming_the_variable():
    result = settings_with(CONCORD_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "CONCORD_TASKS_BACKEND='celery' is not a task backend: use db or rq." in result.stderr
