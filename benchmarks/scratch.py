"""What the benchmarks share: a scratch database of their own (a PostgreSQL database created and
dropped on the server given, else a temporary SQLite folder), Django set up on it with DEBUG off,
progress lines on stderr, and timing helpers."""

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def production_like_environment() -> None:
    """DEBUG off, a throwaway key, the test client's host allowed, plain HTTP, quiet logs."""
    os.environ["DEBUG"] = "0"
    os.environ.setdefault(
        "SECRET_KEY", "benchmark-only-secret-key-not-for-any-deployment-0123456789"
    )
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["CONCORD_HTTPS"] = "0"
    os.environ.setdefault("CONCORD_LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.settings")


def scratch_postgres(url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """Create a scratch database on the server of ``url``; return its URL and its dropper."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    scratch = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return scratch, drop


def setup_scratch_django(database_url: str | None, prefix: str) -> Callable[[], None]:
    """Point Django at a scratch database, migrate it, and return how to clean it up."""
    production_like_environment()
    cleanup: Callable[[], None]
    if database_url:
        os.environ["DATABASE_URL"], cleanup = scratch_postgres(database_url, prefix)
    else:
        folder = tempfile.TemporaryDirectory(prefix=f"{prefix}-")
        os.environ.pop("DATABASE_URL", None)
        os.environ["CONCORD_DATA_DIR"] = folder.name
        cleanup = folder.cleanup

    import django

    django.setup()
    from django.core.management import call_command

    progress("Migrating the scratch database ...")
    call_command("migrate", verbosity=0)
    return cleanup


def timed(action: Callable[[], object], requests: int, warmup: int = 0) -> list[float]:
    """Milliseconds each of ``requests`` runs of ``action`` took, after ``warmup`` untimed."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=20, method="inclusive")[-1]
