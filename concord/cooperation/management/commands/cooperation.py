"""``concord cooperation rotate-keys``: re-encrypt cooperation requests under the first key."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from concord.cooperation.crypto import rotate


class Command(BaseCommand):
    help = _("Operate on cooperation requests.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{rotate-keys}", required=True)
        rotate_keys = actions.add_parser(
            "rotate-keys",
            help=_(
                "Re-encrypt every confidential value under the first key of "
                "CONCORD_COOPERATION_KEYS, so the other keys can then be removed."
            ),
        )
        rotate_keys.add_argument(
            "--batch", type=int, default=500, help=_("Rows per transaction (default 500).")
        )

    def handle(self, *args, action: str, batch: int, **options) -> None:
        if batch < 1:
            raise CommandError(_("--batch must be at least 1."))
        try:
            count = rotate(batch=batch, progress=self._progress)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Re-encrypted %(count)d values under the first key.") % {"count": count}
        )

    def _progress(self, label: str, done: int, total: int) -> None:
        self.stdout.write(
            _("%(model)s: %(done)d of %(total)d rows")
            % {"model": label, "done": done, "total": total}
        )
