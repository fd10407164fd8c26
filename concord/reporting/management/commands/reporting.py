"""``concord reporting quarterly INSTRUMENT YEAR --user NAME``: open a year's quarterly cycles.

Idempotent: a quarter whose cycle is open on the instrument keeps it (given only the parties
and indicators it lacks), so running it twice opens nothing more.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.translation import gettext as _

from concord.indicators.models import Indicator
from concord.registry.models import Instrument, Party
from concord.reporting.quarterly import DEADLINE_DAYS, Opened, quarterly_cycles_open


class Command(BaseCommand):
    help = _("Open the quarterly reporting cycles that collect the figures of an instrument.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{quarterly}", required=True)
        quarterly = actions.add_parser(
            "quarterly",
            help=_(
                "Open the four quarterly cycles of a year for an instrument's indicators, each "
                "answered by the indicator's responsible body (safe to run again)."
            ),
        )
        quarterly.add_argument(
            "instrument", help=_("The instrument: its id, symbol, title or short title.")
        )
        quarterly.add_argument("year", help=_("The year, e.g. 2026."))
        quarterly.add_argument(
            "--user", required=True, help=_("The person whose permissions apply (username).")
        )
        quarterly.add_argument(
            "--indicator",
            action="append",
            dest="indicators",
            metavar="CODE",
            help=_("An indicator to ask the figures of (again for more; default: all of them)."),
        )
        quarterly.add_argument(
            "--party",
            action="append",
            dest="parties",
            metavar="CODE",
            help=_(
                "A party that reports (again for more; default: the parties of the indicators' "
                "responsible bodies)."
            ),
        )
        quarterly.add_argument(
            "--deadline-days",
            type=int,
            default=DEADLINE_DAYS,
            help=_("Days after the end of each quarter its report is due (default %(default)s)."),
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        user = self.person(options["user"])
        instrument = self.instrument(options["instrument"])
        try:
            opened = quarterly_cycles_open(
                user=user,
                instrument=instrument,
                year=options["year"],
                indicators=self.indicators(options["indicators"]),
                parties=self.parties(options["parties"]),
                deadline_days=options["deadline_days"],
                progress=self.progress,
            )
        except PermissionDenied:
            raise CommandError(
                _("%(user)s is not the secretariat of %(instrument)s.")
                % {"user": user.get_username(), "instrument": instrument}
            ) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        created = sum(1 for done in opened if done.created)
        self.stdout.write(
            _("%(created)d quarterly cycles opened, %(kept)d already there.")
            % {"created": created, "kept": len(opened) - created}
        )

    def progress(self, done: Opened) -> None:
        cycle = done.cycle
        message = (
            _("%(name)s: opened (cycle %(id)s; questions: %(questions)d; parties: %(parties)d).")
            if done.created
            else _(
                "%(name)s: already open, completed where needed (cycle %(id)s; questions: "
                "%(questions)d; parties: %(parties)d)."
            )
        )
        self.stdout.write(
            message
            % {
                "name": cycle.name,
                "id": cycle.pk,
                "questions": cycle.questions.count(),
                "parties": cycle.parties.count(),
            }
        )

    def person(self, username: str) -> Any:
        person = get_user_model().objects.filter(username=username).first()
        if person is None:
            raise CommandError(_("No person has the username %(name)s.") % {"name": username})
        return person

    def instrument(self, name: str) -> Instrument:
        match = Q(symbol__iexact=name) | Q(title=name) | Q(short_title=name)
        if name.isdigit():
            match |= Q(pk=int(name))
        found = list(Instrument.objects.filter(match)[:2])
        if not found:
            raise CommandError(_("No instrument is %(name)s.") % {"name": name})
        if len(found) > 1:
            raise CommandError(
                _("More than one instrument is %(name)s: give its id.") % {"name": name}
            )
        return found[0]

    def indicators(self, codes: list[str] | None) -> list[Indicator] | None:
        if not codes:
            return None
        found = list(Indicator.objects.filter(code__in=codes).select_related("responsible_body"))
        unknown = sorted(set(codes) - {i.code for i in found})
        if unknown:
            raise CommandError(
                _("No indicator has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return found

    def parties(self, codes: list[str] | None) -> list[Party] | None:
        if not codes:
            return None
        found = list(Party.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {p.code for p in found})
        if unknown:
            raise CommandError(
                _("No party has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return found
