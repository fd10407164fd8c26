"""Funding by result: an instrument's results framework with what is allocated, received and
delivered per node, in one currency, with the exchange rates used."""

from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from concord.accounts.selectors import instruments_open_to
from concord.indicators.api.lookups import READERS, span_of
from concord.indicators.api.schemas import number_text
from concord.indicators.api.tables import csv_response
from concord.indicators.models import Period
from concord.resources.api.schemas import NOT_FOUND, FundingFilters, FundingOut, NodeFundingOut
from concord.resources.funding import Filters, FundingTree, funding_tree
from concord.resources.iati.codelists import codelist

router = Router(tags=["resources"])


def node_rows(tree: FundingTree) -> list[dict[str, Any]]:
    return [
        {
            "id": item.node.pk,
            "parent": item.node.parent_id,
            "code": item.node.code,
            "level": item.node.level,
            "title": item.node.translated("title").text,
            "allocated": number_text(item.allocated),
            "received": number_text(item.received),
            "delivered": number_text(item.delivered),
            "balance": number_text(item.balance),
            "delivery_rate": number_text(item.delivery_rate),
            "partners": sorted(item.partners),
            "funded": item.funded,
        }
        for item in tree.nodes()
    ]


@router.get(
    "/instruments/{instrument_id}/funding",
    response={200: FundingOut, **NOT_FOUND},
    auth=READERS,
    summary="Read the funding of an instrument's results framework",
    description="Per goal, outcome, output and activity: allocated (from approval), received "
    "(from receipt) and delivered (spent), each including the nodes under it, in `currency` at "
    "the rates of `on`, and which partners fund it. Amounts in a currency without a rate are "
    "left out and listed in `unconverted`. Only contributions you may see count. "
    "`format=csv` gives the nodes as rows.",
)
def instrument_funding(
    request: HttpRequest,
    instrument_id: int,
    filters: Query[FundingFilters],
    format: Literal["json", "csv"] = "json",
) -> Any:
    instrument = instruments_open_to(request.user).filter(pk=instrument_id).first()
    if instrument is None:
        raise HttpError(404, _("No instrument with the id %(id)s.") % {"id": instrument_id})
    currency = filters.currency.upper()
    if currency not in codelist("Currency"):
        raise HttpError(422, _("%(code)s is not an ISO 4217 currency.") % {"code": currency})
    period = None
    if filters.period:
        span = span_of(filters.period, "period")
        period = Period(code=span.code, starts_on=span.starts_on, ends_on=span.ends_on)
    tree = funding_tree(
        instrument,
        user=request.user,
        currency=currency,
        on=filters.on or timezone.localdate(),
        filters=Filters(
            modality=filters.modality or "",
            partner=filters.partner or "",
            earmarking=filters.earmarking or "",
            period=period,
        ),
    )
    rows = node_rows(tree)
    if format == "csv":
        # Each row says its currency; the rates and what was left out are in the JSON answer.
        header = ["currency", *NodeFundingOut.model_fields]
        return csv_response(
            f"funding-{instrument.pk}-{currency}",
            header,
            ([currency, *{**row, "partners": "; ".join(row["partners"])}.values()] for row in rows),
        )
    return {
        "instrument": instrument.pk,
        "currency": currency,
        "on": tree.total.on,
        "allocated": number_text(tree.total.amount),
        "rates": [{**rate, "rate": number_text(rate["rate"])} for rate in tree.total.rates_used()],
        "unconverted": {k: number_text(v) for k, v in tree.total.unconverted.items()},
        "illustrative": tree.illustrative,
        "nodes": rows,
    }
