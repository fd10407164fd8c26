"""``concord permissions doc``: write docs/permissions.md from the rules."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from concord.accounts.permdoc import render


def default_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "permissions.md"


class Command(BaseCommand):
    help = _("Write docs/permissions.md, the table of who may do what, from the rules.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{doc}", required=True)
        doc = actions.add_parser("doc", help=_("Write (or check) docs/permissions.md."))
        doc.add_argument("--output", type=Path, default=None)
        doc.add_argument(
            "--check",
            action="store_true",
            help=_("Write nothing; fail if the file differs from what the rules say."),
        )

    def handle(self, *args, action: str, output: Path | None, check: bool, **options) -> None:
        path = output or default_path()
        text = render()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(
                    _("%(path)s is out of date; run `concord permissions doc`.") % {"path": path}
                )
            self.stdout.write(_("%(path)s is up to date.") % {"path": path})
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(_("Wrote %(path)s.") % {"path": path})
