"""Each person's reporting deadlines, and the iCalendar feed a calendar program subscribes to.

The feed's address carries a signed token instead of a session (calendar programs cannot sign in).
The token names the person and a mark of their password hash, so that after a password change
the old address stops working: changing the password is how a person revokes a leaked address.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.accounts.selectors import instruments_in_scope
from concord.registry.models import Party
from concord.reporting.deadlines import cycle_zone, is_past
from concord.reporting.models import ReportingCycle
from concord.reporting.selectors import cycles_visible

FEED_SALT = "concord.reporting.calendar"


@dataclass(frozen=True)
class Deadline:
    """A deadline of a cycle for one party, or (``party`` None) for the cycle's secretariat."""

    cycle: ReportingCycle
    party: Party | None

    @property
    def date(self) -> dt.date:
        return self.cycle.deadline

    @property
    def zone(self) -> str:
        return str(cycle_zone(self.cycle))

    @property
    def path(self) -> str:
        if self.party is None:
            return reverse("reporting:cycle_status", kwargs={"cycle_id": self.cycle.pk})
        return reverse(
            "reporting:submission",
            kwargs={"cycle_id": self.cycle.pk, "party": self.party.code},
        )

    @property
    def uid(self) -> str:
        """A UID that stays the same from one fetch of the feed to the next."""
        host = urlsplit(settings.CONCORD_SITE_URL).hostname or "concord"
        who = self.party.code if self.party is not None else "all"
        return f"reporting-cycle-{self.cycle.pk}-{who}@{host}"

    @property
    def title(self) -> str:
        if self.party is None:
            return _("Deadline: %(cycle)s") % {"cycle": self.cycle.name}
        return _("Deadline: %(cycle)s — %(party)s") % {
            "cycle": self.cycle.name,
            "party": self.party.name,
        }


def deadlines_of(user: Any, now: dt.datetime | None = None) -> list[Deadline]:
    """Return the deadlines not yet passed that concern ``user``, soonest first.

    One per cycle for each party they are a focal point or reviewer of (by a role held for every
    instrument or for the cycle's), and one per cycle of the instruments they are secretariat of.
    Only cycles they may see: those of published instruments, and those they run.
    """
    now = now or timezone.now()
    party_roles = [
        role for role in roles_of(user) if role.kind in (RoleKind.FOCAL_POINT, RoleKind.REVIEWER)
    ]
    # A day's margin: the deadline's day ends up to a day apart between time zones.
    cycles = cycles_visible(user).filter(deadline__gte=now.date() - dt.timedelta(days=1))
    cycles = cycles.select_related("instrument__body__parent")
    run = set(cycles.filter(instrument__in=instruments_in_scope(user)).values_list("pk", flat=True))
    deadlines = []
    for cycle in cycles:
        if is_past(cycle, now):
            continue
        if cycle.pk in run:
            deadlines.append(Deadline(cycle, None))
        for party in cycle.parties.all():
            if any(
                role.party_id == party.pk and role.instrument_id in (None, cycle.instrument_id)
                for role in party_roles
            ):
                deadlines.append(Deadline(cycle, party))
    deadlines.sort(key=lambda d: (d.date, d.cycle.name, d.party.name if d.party else ""))
    return deadlines


def _password_mark(user: Any) -> str:
    return salted_hmac(FEED_SALT, user.password, algorithm="sha256").hexdigest()[:20]


def feed_token(user: Any) -> str:
    """Return the token of the person's feed address; a password change makes a new one."""
    return signing.dumps([user.pk, _password_mark(user)], salt=FEED_SALT)


def feed_person(token: str) -> Any:
    """Return the active person a feed token names, or None if it is forged or outdated."""
    try:
        user_id, mark = signing.loads(token, salt=FEED_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not constant_time_compare(mark, _password_mark(user)):
        return None
    return user


def feed_ical(deadlines: list[Deadline], now: dt.datetime | None = None) -> bytes:
    """Return the deadlines as an iCalendar file: an all-day event on each deadline's date."""
    stamp = now or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Concord//Reporting deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Concord reporting deadlines"))
    for deadline in deadlines:
        url = settings.CONCORD_SITE_URL + deadline.path
        event = icalendar.Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", deadline.title)
        event.add(
            "description",
            _("%(instrument)s\nReports are due by the end of this day in %(zone)s.\n%(url)s")
            % {"instrument": deadline.cycle.instrument, "zone": deadline.zone, "url": url},
        )
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
