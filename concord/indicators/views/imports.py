"""Importing figures from a CSV or XLSX file: a small file at once, a large one in the background.

A file of at most ``IN_REQUEST_CELLS`` cells is imported while the person waits and its report shown
on the form's page. A larger one is stored for the task worker (``tasks.import_file_enqueue``)
and the person follows it on its status page, which refreshes itself until the report is there.
Either way ``importing.values_import`` checks every row first, and a file with errors changes
nothing unless the person asked to load the valid rows.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_tasks import TaskResultStatus

from concord.accounts.views import requires
from concord.indicators.importing import values_import
from concord.indicators.tasks import (
    IMPORT_PERMISSION,
    access_import,
    import_argument,
    import_file_enqueue,
)
from concord.indicators.views.import_forms import ImportForm
from concord.indicators.views.indicators import SECTION
from concord.portal.views.pages import page

# Cells, not bytes: a wide file holds four times the figures of a tidy one of the same size, and
# a workbook is compressed. The page's users are secretariats, whose figures take the bulk path:
# measured at 3,000 to 6,000 figures a second on SQLite and PostgreSQL (1,000 and 5,000 rows,
# new or corrected). 5,000 cells is at most 5,000 figures (a wide file), 1,250 rows of a tidy
# one: a second or two, well inside a proxy's timeout. The rare figure-by-figure import on this
# page (some 150 figures a second) of a tidy file stays under ten seconds. Larger files go to
# the worker.
IN_REQUEST_CELLS = 5_000
ERRORS_SHOWN = 500

STATES = {
    TaskResultStatus.READY: ("waiting", gettext_lazy("Waiting")),
    TaskResultStatus.RUNNING: ("running", gettext_lazy("Running")),
    TaskResultStatus.SUCCESSFUL: ("done", gettext_lazy("Done")),
    TaskResultStatus.FAILED: ("failed", gettext_lazy("Failed")),
}


def report_context(report: dict[str, Any], name: str) -> dict[str, Any]:
    """What the report template shows: the counts, and the first errors by row and column."""
    errors = report["errors"]
    return {
        **report,
        "name": name,
        "error_count": len(errors),
        "errors_shown": errors[:ERRORS_SHOWN],
    }


@requires(IMPORT_PERMISSION)
@require_http_methods(["GET", "POST"])
def import_new(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    report = None
    if posted and form.is_valid():
        upload, valid_rows = form.cleaned_data["file"], form.cleaned_data["valid_rows"]
        if upload.cells > IN_REQUEST_CELLS:
            result = import_file_enqueue(
                user=request.user, name=upload.name, data=upload.data, valid_rows=valid_rows
            )
            messages.success(
                request, _("%(name)s is uploaded; its import is queued.") % {"name": upload.name}
            )
            return redirect("indicators:import_status", result_id=result.id)
        done = values_import(user=request.user, data=upload.data, valid_rows=valid_rows)
        unreadable = [error.message for error in done.errors if error.row == 0]
        if unreadable:
            form.add_error("file", unreadable)
        else:
            report = report_context(done.as_dict(), upload.name)
    if form.errors:
        form.describe_errors()
    response = page(
        request,
        "indicators/import_new.html",
        {"form": form, "report": report, "cells": IN_REQUEST_CELLS, "rows": IN_REQUEST_CELLS // 4},
        section=SECTION,
    )
    refused = form.errors or (report is not None and not report["written"])
    response.status_code = 422 if refused else 200
    return response


@requires(IMPORT_PERMISSION)
@require_GET
def import_status(request: HttpRequest, result_id: str) -> HttpResponse:
    result = access_import(request.user, result_id)
    state, label = STATES[result.status]
    name = import_argument(result, "name", 3) or _("your file")
    context = {
        "result": result,
        "name": name,
        "state": state,
        "state_label": label,
        "finished": result.is_finished,
        "valid_rows": import_argument(result, "valid_rows", 2, False),
        "report": report_context(result.return_value, name) if state == "done" else None,
    }
    return page(request, "indicators/import_status.html", context, section=SECTION)
