"""``concord resources import FILE --user NAME`` and ``concord resources export``.

An import acts as the person named (their permissions and history apply) and exits non-zero,
listing every error by row and column, when the file is refused. An export writes the
contributions, one a row, in the layout the import reads back: the published ones, or those a
person named with ``--user`` may see.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from concord.commands import (
    file_bytes,
    found,
    person_named,
    refuse_errors,
    rows_summary,
    write_export,
)
from concord.registry.models import Instrument
from concord.resources.exporting import export_csv, export_xlsx
from concord.resources.importing import ImportReport, contributions_import
from concord.resources.models import Contribution
from concord.resources.visibility import contributions_visible_to


class Command(BaseCommand):
    help = _("Import or export contributions (CSV or XLSX, one row a contribution).")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{import,export}", required=True)
        load = actions.add_parser("import", help=_("Check a file's contributions and record them."))
        load.add_argument("file", metavar="FILE")
        load.add_argument(
            "--user", required=True, help=_("The person whose permissions apply (username).")
        )
        load.add_argument(
            "--framework",
            metavar="INSTRUMENT_ID",
            type=int,
            help=_("The instrument whose results framework the allocations name."),
        )
        load.add_argument(
            "--valid-rows",
            action="store_true",
            help=_("Record the valid rows of a file that has errors, and list the others."),
        )
        load.add_argument(
            "--dry-run", action="store_true", help=_("Check and count, but write nothing.")
        )
        dump = actions.add_parser("export", help=_("Write the contributions to a file."))
        dump.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        dump.add_argument("-o", "--output", help=_("The file to write (CSV: standard output)."))
        dump.add_argument("--user", help=_("Export what this person may see, not only published."))

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "import":
            self.load(options)
        else:
            self.dump(options)

    def load(self, options: dict[str, Any]) -> None:
        framework = None
        if options["framework"] is not None:
            framework = found(
                Instrument, _("No instrument has the id %(pk)s."), pk=options["framework"]
            )
        report = contributions_import(
            user=person_named(options["user"]),
            data=file_bytes(options["file"]),
            framework=framework,
            valid_rows=options["valid_rows"],
            dry_run=options["dry_run"],
            progress=self.progress,
        )
        self.summary(report, options["dry_run"])
        refuse_errors(self, report.errors, refused=not options["valid_rows"])

    def progress(self, stage: str, done: int, total: int | None) -> None:
        if stage == "checked":
            line = _("Checked %(done)d of %(total)d rows")
        else:
            line = _("Written %(done)d of %(total)d contributions")
        self.stdout.write(line % {"done": done, "total": total})

    def summary(self, report: ImportReport, dry_run: bool) -> None:
        line = _(
            "%(rows)d rows read: %(created)d contributions created, %(updated)d updated, "
            "%(unchanged)d unchanged; %(errors)d errors."
        )
        rows_summary(self, report, line, dry_run)

    def dump(self, options: dict[str, Any]) -> None:
        if options["user"]:
            contributions = contributions_visible_to(person_named(options["user"]))
        else:
            contributions = Contribution.objects.filter(published=True)
        write_export(
            self,
            format=options["format"],
            output=options["output"],
            lines=lambda: export_csv(contributions),
            workbook=lambda: export_xlsx(contributions),
        )
