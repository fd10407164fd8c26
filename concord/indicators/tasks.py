"""Background tasks of indicators, run by the task worker (``concord db_worker``)."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django_tasks import task

from concord.indicators.importing import values_import


@task()
def import_file(path: str, username: str, valid_rows: bool = False) -> dict[str, Any]:
    """Import a large uploaded file of figures as the person who uploaded it; return the report."""
    user = get_user_model().objects.get(username=username)
    report = values_import(user=user, data=Path(path).read_bytes(), valid_rows=valid_rows)
    return report.as_dict()
