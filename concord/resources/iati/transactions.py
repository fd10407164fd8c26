"""What an activity's transactions and dates say of its contribution: the amount and currency,
the dated status steps, and what was spent per period. Pure functions of an ``ActivityRead``.

The amount is the commitments, else the incoming funds, else the pledges; the steps are pledged
(pipeline), committed (signed), funds in (received), then the activity status (finalisation is
delivered, closed is closed), each no earlier than the one before; the expenditure is summed per
calendar year (per period, for Concord's own exports).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from concord.resources.iati.reading import ActivityRead
from concord.resources.iati.schema import IatiInvalid, IatiProblem
from concord.resources.models import STATUS_ORDER

PLEDGES, COMMITMENTS, FUNDS_IN, SPENT = {"12", "13"}, {"2", "11"}, {"1", "3"}, {"4"}
FINAL_STATUS = {"1": "pipeline", "2": "approved", "3": "delivered", "4": "closed"}
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"


def steps(activity: ActivityRead) -> list[tuple[str, date]]:
    """The contribution's dated steps: Concord's own history, else what the transactions
    and the activity status say, each step no earlier than the one before."""
    if activity.statuses:
        return activity.statuses
    reached: dict[str, date] = {}
    for kinds, status in (
        (PLEDGES, "pipeline"),
        (COMMITMENTS, "signed"),
        (FUNDS_IN, "received"),
    ):
        days = [m.on for m in activity.money if m.kind in kinds]
        if days:
            reached[status] = min(days)
    final = FINAL_STATUS[activity.status]
    known = [s for s in STATUS_ORDER if s in reached]
    if known and STATUS_ORDER.index(known[-1]) > STATUS_ORDER.index(final):
        final = known[-1]
    if final not in reached:
        fallback = (
            (activity.dates.get(ACTUAL_END) if final in ("delivered", "closed") else None)
            or activity.dates.get(ACTUAL_START)
            or activity.dates.get(PLANNED_START)
        )
        on = fallback or activity.last_updated or timezone.localdate()
        reached[final] = max([on, *reached.values()])
    dated, last = [], None
    for status in STATUS_ORDER[: STATUS_ORDER.index(final) + 1]:
        if status in reached:
            last = max(reached[status], last) if last else reached[status]
            dated.append((status, last))
    return dated


def amount_of(activity: ActivityRead) -> tuple[Decimal | None, str]:
    """The amount and currency; raise IatiInvalid when a value has no currency or they differ."""
    for kinds in (COMMITMENTS, FUNDS_IN, PLEDGES):
        items = [m for m in activity.money if m.kind in kinds]
        if items:
            break
    spent = [m for m in activity.money if m.kind in SPENT]
    currencies = {m.currency for m in items + spent}
    for item in items + spent:
        if not item.currency:
            message = _("Give the currency of this value (or the activity's default-currency).")
            raise IatiInvalid([IatiProblem(item.line, "transaction", message)])
    if len(currencies) > 1:
        message = _(
            "The activity's transactions are in %(currencies)s: a contribution is in one currency."
        )
        problem = IatiProblem(
            activity.line,
            "iati-activity",
            message % {"currencies": ", ".join(sorted(currencies))},
        )
        raise IatiInvalid([problem])
    if not items:
        return None, currencies.pop() if currencies else ""
    return sum((m.amount for m in items), Decimal(0)), items[0].currency


def spent_per_period(activity: ActivityRead) -> dict[str, Decimal]:
    """What was spent, by period code."""
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for item in activity.money:
        if item.kind in SPENT:
            spent[item.period or str(item.on.year)] += item.amount
    return dict(spent)


def spending_changes(
    activity: ActivityRead, stored: dict[str, Decimal], amount: Decimal | None, currency: str
) -> list[tuple[str, Decimal]]:
    """The periods whose expenditure the file changes, with the file's amount: the decreases
    first, so that moving spending between periods never passes the amount on the way.

    Raise IatiInvalid, at the first expenditure the file changes (else its first transaction),
    when the total spent (the periods the file gives, and those it leaves) would be more than
    ``amount``."""
    spent = spent_per_period(activity)
    changes = [(code, value) for code, value in sorted(spent.items()) if stored.get(code) != value]
    changes.sort(key=lambda change: change[1] > stored.get(change[0], Decimal(0)))
    total = sum(spent.values(), Decimal(0)) + sum(
        (value for code, value in stored.items() if code not in spent), Decimal(0)
    )
    if amount is not None and total > amount:
        changed = {code for code, _value in changes}
        spending = [m for m in activity.money if m.kind in SPENT]
        at = [m for m in spending if (m.period or str(m.on.year)) in changed] or spending
        line = (at or activity.money)[0].line  # an amount comes from a transaction
        message = _(
            "The expenditure would add up to %(spent)s %(currency)s, more than the %(amount)s "
            "%(currency)s contributed."
        )
        raise IatiInvalid(
            [
                IatiProblem(
                    line,
                    "transaction",
                    message % {"spent": total, "amount": amount, "currency": currency},
                )
            ]
        )
    return changes


def step_source(activity: ActivityRead, status: str) -> tuple[int, str]:
    """The line and element a status step comes from: the first transaction of its kind, else
    the activity status."""
    kinds = {"pipeline": PLEDGES, "signed": COMMITMENTS, "received": FUNDS_IN}.get(status, set())
    dated = [m for m in activity.money if m.kind in kinds]
    if dated and not activity.statuses:
        return min(dated, key=lambda m: m.on).line, "transaction"
    return activity.status_line, "activity-status"
