"""``concord indicators import FILE --user NAME`` and ``concord indicators export CODE``.

An import acts as the person named (their permissions, approval and history apply) and exits
non-zero, listing every error, when the file is refused. An export writes the approved figures
of an indicator, or those a person named with ``--user`` may see.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from concord.commands import file_bytes, person_named, refuse_errors, rows_summary, write_export
from concord.indicators.entry import values_visible_to
from concord.indicators.exporting import export_csv, export_xlsx
from concord.indicators.importing import ImportReport, values_import
from concord.indicators.models import Approval, Indicator, Value


class Command(BaseCommand):
    help = _("Import or export an indicator's figures (CSV or XLSX, tidy or wide).")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{import,export}", required=True)
        load = actions.add_parser("import", help=_("Check a file's figures and write them."))
        load.add_argument("file", metavar="FILE")
        load.add_argument(
            "--user", required=True, help=_("The person whose permissions apply (username).")
        )
        load.add_argument(
            "--valid-rows",
            action="store_true",
            help=_("Write the valid rows of a file that has errors, and list the others."),
        )
        load.add_argument("--sheet", help=_("The sheet of a workbook to read (the first one)."))
        load.add_argument(
            "--dry-run", action="store_true", help=_("Check and count, but write nothing.")
        )
        dump = actions.add_parser("export", help=_("Write an indicator's figures to a file."))
        dump.add_argument("code", metavar="CODE")
        dump.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        dump.add_argument("--wide", action="store_true", help=_("One column a period."))
        dump.add_argument("-o", "--output", help=_("The file to write (CSV: standard output)."))
        dump.add_argument("--user", help=_("Export what this person may see, not only approved."))

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "import":
            self.load(options)
        else:
            self.dump(options)

    def load(self, options: dict[str, Any]) -> None:
        report = values_import(
            user=person_named(options["user"]),
            data=file_bytes(options["file"]),
            sheet=options["sheet"],
            valid_rows=options["valid_rows"],
            dry_run=options["dry_run"],
            progress=self.progress,
        )
        self.summary(report, options["dry_run"])
        refuse_errors(self, report.errors, refused=not options["valid_rows"])

    def progress(self, stage: str, done: int, total: int | None) -> None:
        if stage == "checked":
            self.stdout.write(_("Checked %(done)d rows") % {"done": done})
        else:
            self.stdout.write(
                _("Written %(done)d of %(total)d figures") % {"done": done, "total": total}
            )

    def summary(self, report: ImportReport, dry_run: bool) -> None:
        line = _(
            "%(rows)d rows read: %(created)d figures created, %(updated)d updated, "
            "%(unchanged)d unchanged; %(errors)d errors."
        )
        rows_summary(self, report, line, dry_run)

    def dump(self, options: dict[str, Any]) -> None:
        indicator = Indicator.objects.filter(code=options["code"]).first()
        if indicator is None:
            raise CommandError(_("No indicator has the code %(code)s.") % {"code": options["code"]})
        if options["user"]:
            values = values_visible_to(person_named(options["user"]), indicator)
        else:
            values = Value.objects.filter(indicator=indicator, approval=Approval.APPROVED)
        write_export(
            self,
            format=options["format"],
            output=options["output"],
            lines=lambda: export_csv(values, wide=options["wide"]),
            workbook=lambda: export_xlsx(values, wide=options["wide"], title=indicator.code),
        )
