"""``concord iati import FILE --user NAME [--organization CODE] [--framework ID] [--publish]
[--dry-run]``: record an IATI 2.03 activity file's activities as contributions.

The import acts as the person named (their permissions and history apply), writes nothing
when anything is wrong, and exits non-zero listing each error by element and line. An activity
imported before updates its contribution (only what differs), so a file can be imported again.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from concord.commands import dry_run_said, file_bytes, found, person_named, refuse_errors
from concord.registry.models import Body, Instrument
from concord.resources.iati.importing import ImportReport, activities_import


class Command(BaseCommand):
    help = _(
        "Import an IATI 2.03 activity file as contributions; an activity imported before "
        "updates its contribution."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{import}", required=True)
        load = actions.add_parser(
            "import",
            help=_("Check an IATI activity file and record it (again: what changed is updated)."),
        )
        load.add_argument("file", metavar="FILE")
        load.add_argument(
            "--user", required=True, help=_("The person whose permissions apply (username).")
        )
        load.add_argument(
            "--organization",
            metavar="CODE",
            help=_("The body receiving the money (by default, the reporting organisation's)."),
        )
        load.add_argument(
            "--framework",
            metavar="INSTRUMENT_ID",
            type=int,
            help=_(
                "The instrument whose results framework the activities' results belong to "
                "(their indicators' baselines, targets and actuals are recorded too)."
            ),
        )
        load.add_argument(
            "--publish", action="store_true", help=_("Publish the contributions recorded.")
        )
        load.add_argument(
            "--dry-run", action="store_true", help=_("Check everything, but write nothing.")
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        organization = framework = None
        if options["organization"]:
            organization = found(
                Body, _("No body has the code %(code)s."), code=options["organization"]
            )
        if options["framework"] is not None:
            framework = found(
                Instrument, _("No instrument has the id %(pk)s."), pk=options["framework"]
            )
        report = activities_import(
            user=person_named(options["user"]),
            data=file_bytes(options["file"]),
            organization=organization,
            framework=framework,
            publish=options["publish"],
            dry_run=options["dry_run"],
            progress=self.progress,
        )
        self.summary(report, options["dry_run"])
        for notice in report.notices:
            self.stdout.write(_("Note: %(notice)s") % {"notice": notice})
        refuse_errors(self, report.errors)

    def progress(self, done: int, total: int) -> None:
        self.stdout.write(_("Activity %(done)d of %(total)d") % {"done": done, "total": total})

    def summary(self, report: ImportReport, dry_run: bool) -> None:
        line = _(
            "%(activities)d activities read: %(created)d contributions created, %(updated)d "
            "updated, %(unchanged)d unchanged; %(parties)d new parties, %(partners)d new "
            "partners, %(indicators)d new indicators, %(allocations)d allocations, "
            "%(expenditures)d expenditures, %(figures)d figures, %(targets)d targets written; "
            "%(errors)d errors."
        )
        self.stdout.write(
            line
            % {
                "activities": report.activities,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "figures": report.figures,
                "targets": report.targets,
                "parties": report.parties,
                "partners": report.partners,
                "indicators": report.indicators,
                "allocations": report.allocations,
                "expenditures": report.expenditures,
                "errors": len(report.errors),
            }
        )
        dry_run_said(self, dry_run, report.errors)
