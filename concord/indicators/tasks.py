"""Background import of figures, run by the task worker (``concord db_worker``).

The import page stores a large file under ``settings.UPLOADS_DIR`` (never served) and enqueues
``import_file``; the task reads the file, deletes it, and imports it as the person who uploaded
it. The task's result is the report, read back on the status page by that person only.
"""

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django_tasks import TaskResult, task
from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch

from concord.indicators.importing import values_import

IMPORT_PERMISSION = "indicators.import_values"
FOLDER = "indicator-imports"


def imports_dir() -> Path:
    """The folder where files wait for the worker (read when used: tests move UPLOADS_DIR)."""
    return Path(settings.UPLOADS_DIR) / FOLDER


@task()
def import_file(
    path: str, username: str, valid_rows: bool = False, name: str = ""
) -> dict[str, Any]:
    """Import a large uploaded file of figures as the person who uploaded it; return the report.

    A file the import page stored is deleted once read, whatever happens next; a file named on
    the command line is left where it is. ``name`` is the file's own name, for the status page.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    finally:
        if file.parent.resolve() == imports_dir().resolve():
            file.unlink(missing_ok=True)
    user = get_user_model().objects.get(username=username)
    return values_import(user=user, data=data, valid_rows=valid_rows).as_dict()


def import_file_enqueue(*, user: Any, name: str, data: bytes, valid_rows: bool) -> TaskResult:
    """Store a file where the worker reads it and enqueue its import as ``user``.

    Raises ``PermissionDenied`` without ``indicators.import_values``, before anything is stored.
    """
    if not user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied(_("You may not import figures."))
    folder = imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{uuid.uuid4().hex}{Path(name).suffix.lower()[:8]}"
    stored.write_bytes(data)
    try:
        return import_file.enqueue(
            path=str(stored), username=user.get_username(), valid_rows=valid_rows, name=name
        )
    except BaseException:
        stored.unlink(missing_ok=True)
        raise


def access_import(user: Any, result_id: str) -> TaskResult:
    """Return the import task of ``result_id`` if ``user`` enqueued it; else raise Http404.

    Anyone else is told it does not exist: the page names the person's file.
    """
    try:
        result = import_file.get_result(result_id)
    except (TaskResultDoesNotExist, TaskResultMismatch):
        result = None
    if result is None or import_argument(result, "username", 1) != user.get_username():
        raise Http404(_("No import with the id %(id)s.") % {"id": result_id})
    return result


def import_argument(result: TaskResult, name: str, position: int, default: Any = None) -> Any:
    """An argument the task was enqueued with, by keyword or by position."""
    if name in result.kwargs:
        return result.kwargs[name]
    return result.args[position] if position < len(result.args) else default
