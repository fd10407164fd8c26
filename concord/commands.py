"""What the import and export commands share: naming the person a file is imported as, reading
the file, refusing a file with errors (listing them, exit non-zero), and writing an export."""

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def person_named(username: str) -> Any:
    person = get_user_model().objects.filter(username=username).first()
    if person is None:
        raise CommandError(_("No person has the username %(name)s.") % {"name": username})
    return person


def file_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(str(error)) from None


def found(model: Any, message: str, **lookup: Any) -> Any:
    """The record ``lookup`` names, else a CommandError saying ``message % lookup``."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        raise CommandError(message % lookup)
    return record


def refuse_errors(command: BaseCommand, errors: Sequence[Any], *, refused: bool = True) -> None:
    """List the errors; when the file is ``refused`` because of them, fail saying nothing was
    imported."""
    for error in errors:
        command.stderr.write(str(error))
    if errors and refused:
        count = len(errors)
        message = ngettext(
            "Nothing was imported: %(count)d error.",
            "Nothing was imported: %(count)d errors.",
            count,
        )
        raise CommandError(message % {"count": count})


def dry_run_said(command: BaseCommand, dry_run: bool, errors: Sequence[Any]) -> None:
    if dry_run and not errors:
        command.stdout.write(_("Dry run: nothing was written."))


def rows_summary(command: BaseCommand, report: Any, line: str, dry_run: bool) -> None:
    """Write ``line`` (with ``rows``, ``created``, ``updated``, ``unchanged`` and ``errors``)
    for an import's report, and say when a dry run wrote nothing."""
    counts = {
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "errors": len(report.errors),
    }
    command.stdout.write(line % counts)
    dry_run_said(command, dry_run, report.errors)


def write_export(
    command: BaseCommand,
    *,
    format: str,
    output: str,
    lines: Callable[[], Iterator[str]],
    workbook: Callable[[], bytes],
) -> None:
    """Write an export as a workbook to ``output``, or as CSV to ``output`` or the console."""
    if format == "xlsx":
        if not output:
            raise CommandError(_("Name the workbook to write with -o FILE."))
        try:
            data = workbook()
        except ValueError as error:
            raise CommandError(str(error)) from None
        Path(output).write_bytes(data)
    elif output:
        with Path(output).open("w", encoding="utf-8", newline="") as file:
            file.writelines(lines())
    else:
        for line in lines():
            command.stdout.write(line, ending="")
