"""An organization's key performance indicator of voluntary contributions (FAO's X1.4), computed
from the contributions and recorded as the indicator's figure, so that it shows on the same pages
and charts as every other figure, against its target.

Only published contributions count (the figure is public). A contribution counts in the period
in which it was first approved (its first status from
``approved`` on); one without an amount cannot be counted and the figure's note says how many
were left out, as it names the exchange rates used (those of the period's last day).
"""

from typing import Any

from django.conf import settings
from django.db.models import Min, Q
from django.utils import translation
from django.utils.translation import gettext as _

from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Indicator, Period, Value, ValueStatus
from concord.registry.models import Body
from concord.resources.models import ALLOCATED, Contribution
from concord.resources.money import Converter

FROM_APPROVAL = Q(status_changes__status__in=ALLOCATED)


def approved_in(organization: Body, period: Period):
    """The organization's published contributions first approved within ``period``: the
    figure is public, so it never sums what the public may not see."""
    return (
        Contribution.objects.filter(organization=organization, published=True)
        .annotate(approved_on=Min("status_changes__on", filter=FROM_APPROVAL))
        .filter(approved_on__gte=period.starts_on, approved_on__lte=period.ends_on)
    )


def voluntary_contributions_put(
    *,
    user: Any,
    indicator: Indicator,
    organization: Body,
    period: Period,
    currency: str = "USD",
) -> Value:
    with translation.override(settings.LANGUAGE_CODE):
        figure = _figure(organization, period, currency)
    return value_put(
        user=user, indicator=indicator, period=period, body=organization, figure=figure
    )


def _figure(organization: Body, period: Period, currency: str) -> Figure:
    """The figure, its note and source in the language of record (they are stored)."""
    counted = list(approved_in(organization, period))
    with_amount = [c for c in counted if c.amount is not None]
    total = Converter(currency, period.ends_on).total((c.amount, c.currency) for c in with_amount)
    parts = [
        _("%(count)d contributions first approved in %(period)s, in %(currency)s.")
        % {"count": len(with_amount), "period": period.code, "currency": currency}
    ]
    if len(with_amount) < len(counted):
        parts.append(
            _("%(count)d more have no amount and are not counted.")
            % {"count": len(counted) - len(with_amount)}
        )
    if total.rates:
        rates = "; ".join(
            f"1 {r['currency']} = {r['rate']} {r['base']} ({r['on']}, {r['source']})"
            for r in total.rates_used()
        )
        parts.append(_("Rates: %(rates)s.") % {"rates": rates})
    if total.unconverted:
        left = ", ".join(f"{amount} {code}" for code, amount in total.unconverted.items())
        parts.append(_("Left out, without a rate: %(amounts)s.") % {"amounts": left})
    illustrative = any(c.illustrative for c in with_amount)
    return Figure(
        number=total.amount,
        status=ValueStatus.ESTIMATE if illustrative or total.unconverted else ValueStatus.FINAL,
        source=_("Computed from the contributions recorded in Concord"),
        note=" ".join(parts),
        flag=_("Computed from illustrative demo contributions: not the organization's figure.")
        if illustrative
        else "",
    )
