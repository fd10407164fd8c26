"""``concord ingest FILE... [--dry-run] [--json]``: propose the instruments a document holds.

Without ``--dry-run`` the proposals are written to the registry for review (never published),
with the file kept as their source for the review screen, one transaction per file; the command
line acts as the operator, with no permission check.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from concord.ingestion.exceptions import IngestionError
from concord.ingestion.pipeline import ingest
from concord.ingestion.services import Outcome, SaveResult, proposal_save
from concord.ingestion.uploads import source_keep


class Command(BaseCommand):
    help = _("Read instruments' documents (text, HTML, PDF, DOCX) and propose their structure.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Write nothing to the database.")
        )
        parser.add_argument(
            "--json", action="store_true", help=_("Print the proposals as JSON on stdout.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[str] = options["files"]
        results = []
        failures = 0
        for position, path in enumerate(files, start=1):
            if len(files) > 1:
                self.stderr.write(
                    _("[%(n)d/%(total)d] %(path)s")
                    % {"n": position, "total": len(files), "path": path}
                )
            try:
                job = ingest(path)
                assert job.document is not None
                saved = None
                if not options["dry_run"]:
                    with transaction.atomic():
                        saved = proposal_save(
                            proposal=job.document, source_path=path, by=None, source=job.source
                        )
                        source_keep(job=job, result=saved)
            except IngestionError as error:
                failures += 1
                self.stderr.write(str(error))
                continue
            document = job.document.to_json()
            if saved is not None:
                document["saved"] = [item.to_json() for item in saved.instruments]
                document["links"] = saved.links
                for warning in saved.warnings:
                    self.stderr.write(warning)
                self.stderr.write(self.saved_summary(saved))
            results.append(document)
            if not options["json"]:
                self.stdout.write(self.summary(document))
        if options["json"]:
            payload: Any = results[0] if len(files) == 1 and results else results
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        if failures:
            raise CommandError(
                _("%(count)d of %(total)d files could not be read.")
                % {"count": failures, "total": len(files)}
            )

    @staticmethod
    def saved_summary(saved: SaveResult) -> str:
        return _("%(path)s: %(created)d created, %(unchanged)d unchanged, %(revised)d revised") % {
            "path": saved.source,
            "created": saved.count(Outcome.CREATED),
            "unchanged": saved.count(Outcome.UNCHANGED),
            "revised": saved.count(Outcome.REVISED),
        }

    @staticmethod
    def summary(document: dict[str, Any]) -> str:
        lines = [document["source"]]
        for instrument in document["instruments"]:
            count = _count(instrument["provisions"])
            lines.append(
                _("  %(kind)s: %(title)s (%(count)d provisions)")
                % {
                    "kind": instrument["kind"],
                    "title": instrument["title"] or _("untitled"),
                    "count": count,
                }
            )
        return "\n".join(lines)


def _count(provisions: list[dict[str, Any]]) -> int:
    return sum(1 + _count(provision["children"]) for provision in provisions)
