"""Funding by result: for an instrument's results framework, per goal, outcome, output and
activity, what is allocated, received and delivered, in one currency, and who funds it.

A contribution counts as *allocated* from its approval on, as *received* from its receipt on
(a pledge in the pipeline does not count, nor make its partner a funder of the node);
*delivered* is what was spent of it, in the proportion it allocates to the node. A node's figures
include those of the nodes under it. Amounts in other currencies are converted with the rates of
the chosen day (``money.Converter``), which the result lists; amounts in a currency without a rate
are left out of the totals and reported apart, never added at par. Only the contributions the
reader may see count (``visibility.contributions_visible_to``).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from concord.indicators.models import Period
from concord.registry.models import Instrument, ResultsNode
from concord.resources.models import (
    ALLOCATED,
    RECEIVED,
    Allocation,
    Contribution,
    Expenditure,
    ResourcePartner,
)
from concord.resources.money import CENT, Converter, Total
from concord.resources.visibility import contributions_visible_to

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Filters:
    modality: str = ""  # a modality's code (its windows included)
    partner: str = ""  # a partner's party code
    earmarking: str = ""
    period: Period | None = None  # contributions whose status dates from this period


@dataclass
class NodeFunding:
    node: ResultsNode
    allocated: Decimal = ZERO
    received: Decimal = ZERO
    delivered: Decimal = ZERO
    partners: set[str] = field(default_factory=set)
    children: list["NodeFunding"] = field(default_factory=list)

    @property
    def funded(self) -> bool:
        return bool(self.partners)

    @property
    def balance(self) -> Decimal:
        """Received and not yet spent."""
        return self.received - self.delivered

    @property
    def delivery_rate(self) -> Decimal | None:
        """What was spent, as a percentage of what was received."""
        if not self.received:
            return None
        return (self.delivered / self.received * HUNDRED).quantize(Decimal("0.1"))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class FundingTree:
    instrument: Instrument
    total: Total
    roots: list[NodeFunding]
    illustrative: bool

    def nodes(self) -> list[NodeFunding]:
        return [item for root in self.roots for item in root.walk()]

    def unfunded(self) -> list[NodeFunding]:
        """The activities, outputs and outcomes nobody funds (nor anything under them)."""
        return [item for item in self.nodes() if not item.funded]


def contributions_counted(user: Any, filters: Filters) -> QuerySet[Contribution]:
    counted = contributions_visible_to(user)
    if filters.modality:
        counted = counted.filter(modality__code=filters.modality) | counted.filter(
            modality__parent__code=filters.modality
        )
    if filters.partner:
        counted = counted.filter(partner__party__code__iexact=filters.partner)
    if filters.earmarking:
        counted = counted.filter(modality__earmarking=filters.earmarking)
    if filters.period is not None:
        counted = counted.filter(
            status_on__gte=filters.period.starts_on, status_on__lte=filters.period.ends_on
        )
    return counted


def funding_tree(
    instrument: Instrument,
    *,
    user: Any,
    currency: str = "USD",
    on: date,
    filters: Filters = Filters(),
) -> FundingTree:
    nodes = list(instrument.results_nodes.order_by("seq"))
    funding = {node.pk: NodeFunding(node) for node in nodes}
    converter = Converter(currency, on)
    counted = contributions_counted(user, filters)
    # Pledges in the pipeline count nowhere: the database leaves them out.
    counted = counted.filter(status__in=ALLOCATED)
    allocations = Allocation.objects.filter(
        node__framework=instrument, contribution__in=counted
    ).values_list(
        "node_id",
        "share",
        "amount",
        "contribution_id",
        "contribution__amount",
        "contribution__currency",
        "contribution__status",
        "contribution__partner_id",
        "contribution__illustrative",
    )
    codes = dict(ResourcePartner.objects.values_list("pk", "party__code"))
    spent = dict(
        Expenditure.objects.filter(
            contribution__in=counted.filter(
                pk__in=Allocation.objects.filter(node__framework=instrument).values(
                    "contribution_id"
                )
            )
        )
        .values("contribution_id")
        .annotate(spent=Sum("amount"))
        .values_list("contribution_id", "spent")
    )
    # In each currency: (node, measure) -> amount; converted once per currency at the end.
    sums: dict[str, dict[tuple[int, str], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    illustrative = False
    for node_id, share, amount, pk, whole, money, status, partner, shown in allocations:
        funding[node_id].partners.add(codes[partner])
        illustrative |= shown
        part = amount if amount is not None else (whole * share / HUNDRED if whole else None)
        if part is None or not money:
            continue
        sums[money][(node_id, "allocated")] += part
        if status in RECEIVED:
            sums[money][(node_id, "received")] += part
        if spent.get(pk) and whole:
            sums[money][(node_id, "delivered")] += spent[pk] * part / whole
    grand = converter.total(
        (amount, money)
        for money, by_node in sums.items()
        for (node_id, measure), amount in by_node.items()
        if measure == "allocated"
    )
    for money, by_node in sums.items():
        found = converter.factor(money)
        if found is None:
            continue
        factor, _rates = found
        for (node_id, measure), amount in by_node.items():
            setattr(funding[node_id], measure, getattr(funding[node_id], measure) + amount * factor)
    roots = _rolled_up(nodes, funding)
    return FundingTree(instrument, grand, roots, illustrative)


def _rolled_up(nodes: list[ResultsNode], funding: dict[int, NodeFunding]) -> list[NodeFunding]:
    """Hang each node under its parent and add each node's figures into every node above it."""
    roots = []
    for node in nodes:
        item = funding[node.pk]
        if node.parent_id in funding:
            funding[node.parent_id].children.append(item)
        else:
            roots.append(item)

    def total(item: NodeFunding) -> None:
        for child in item.children:
            total(child)
            item.allocated += child.allocated
            item.received += child.received
            item.delivered += child.delivered
            item.partners |= child.partners
        for measure in ("allocated", "received", "delivered"):
            setattr(item, measure, getattr(item, measure).quantize(CENT))

    for root in roots:
        total(root)
    return roots
