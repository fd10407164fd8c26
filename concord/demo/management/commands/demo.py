"""``concord demo load``, ``concord demo scale`` and ``concord demo code``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from concord.accounts.demo import DemoRefused, create_demo_accounts, demo_code
from concord.demo.cooperation import load_cooperation_example
from concord.demo.indicators import load_indicator_example
from concord.demo.quarterly import load_quarterly_example
from concord.demo.reporting import load_reporting_example
from concord.demo.resource_needs import load_needs_example
from concord.demo.resources import load_resources_example
from concord.demo.services import demo_load


class Command(BaseCommand):
    help = _("Load the demo from the seed documents, or generate a synthetic registry.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{load,scale,code}", required=True)
        load = actions.add_parser(
            "load",
            help=_("Load the facts of the seed documents, citing each (safe to run again)."),
        )
        load.add_argument(
            "--seeds-dir",
            type=Path,
            help=_("Folder of the seed documents (default: CONCORD_SEEDS_DIR)."),
        )
        scale = actions.add_parser(
            "scale", help=_("Generate a synthetic registry to measure speed at UN scale.")
        )
        scale.add_argument("--parties", type=_positive, default=200)
        scale.add_argument("--instruments", type=_positive, default=10_000)
        scale.add_argument("--provisions", type=_positive, default=1_000_000)
        scale.add_argument("--participations", type=_positive, default=100_000)
        code = actions.add_parser(
            "code",
            help=_("Print the current two-factor code of a demo account (officer, central-XXX)."),
        )
        code.add_argument("username")

    def handle(self, *args, action: str, **options) -> None:
        if action == "code":
            try:
                self.stdout.write(demo_code(options["username"]))
            except DemoRefused as exc:
                raise CommandError(str(exc)) from None
            return
        if action == "scale":
            # Imported here: only this subcommand needs the generator.
            from concord.demo.scale import AlreadyGenerated, generate

            try:
                generate(
                    parties=options["parties"],
                    instruments=options["instruments"],
                    provisions=options["provisions"],
                    participations=options["participations"],
                    stdout=self.stdout,
                )
            except AlreadyGenerated as exc:
                raise CommandError(str(exc)) from None
            return
        self._load(options.get("seeds_dir"))

    def _load(self, directory: Path | None) -> None:
        report = demo_load(directory=directory, progress=self.stdout.write)
        if report.problem:
            self.stderr.write(report.problem)
            return
        rows = report.tally.rows()
        if rows:
            width = max(len(name) for name, *_counts in rows)
            self.stdout.write("")
            self.stdout.write(
                f"{_('records'):<{width}}  {_('created'):>8}  {_('updated'):>8}  "
                f"{_('unchanged'):>9}"
            )
            for name, created, updated, unchanged in rows:
                self.stdout.write(f"{name:<{width}}  {created:>8}  {updated:>8}  {unchanged:>9}")
        for outcome in report.missing:
            self.stderr.write(outcome.message)
        try:
            create_demo_accounts(stdout=self.stdout)
        except DemoRefused as exc:
            self.stderr.write(str(exc))
        else:
            load_reporting_example(stdout=self.stdout)
            load_cooperation_example(stdout=self.stdout)
            load_indicator_example(self.stdout, directory=directory)
            load_quarterly_example(stdout=self.stdout)
            load_resources_example(self.stdout, directory=directory)
            load_needs_example(self.stdout)
        if report.failed:
            raise CommandError(
                _("%(count)d seed(s) failed to load and were left out: %(seeds)s")
                % {
                    "count": len(report.failed),
                    "seeds": "; ".join(f"{o.seed}: {o.message}" for o in report.failed),
                }
            )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(_("%(value)r is not a whole number.") % {"value": text}) from None
    if value < 0:
        raise CommandError(_("%(value)d is below zero.") % {"value": value})
    return value
