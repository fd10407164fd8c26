"""An indicator's figures, as JSON pages or one CSV file.

Everyone reads the approved figures; a party's focal points, the responsible body and the
secretariat also read the ones waiting for approval that they may enter or approve
(``entry.values_visible_to``). Who may see unapproved figures also sees each one's approval;
who may approve also sees who entered it.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from concord.indicators.api.lookups import (
    READERS,
    indicator_or_404,
    party_codes,
    refused_query,
    span_of,
)
from concord.indicators.api.schemas import NOT_FOUND, ValueFilters, ValueOut, value_data
from concord.indicators.api.tables import csv_response
from concord.indicators.entry import check_breakdown, values_visible_to
from concord.indicators.models import Indicator, Period, Value, breakdown_key
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import GroupMembership, Party

router = Router(tags=["indicators"])

ORDER = ("period__starts_on", "period__ends_on", "subject", "breakdown_key", "id")
EVERY_BREAKDOWN = "*"
CSV_CHUNK = 2000
RELATED = ("party", "group", "body", "period", "entered_by")
CSV_HEADER = (
    "indicator",
    "subject",
    "party",
    "group",
    "body",
    "period",
    "breakdown",
    "value",
    "status",
    "approval",
    "source",
    "note",
    "flag",
    "entered_by",
)

CSV_FIELDS = (
    "indicator",
    "subject",
    "party__code",
    "group__slug",
    "body__code",
    "period__code",
    "period__starts_on",
    "period__ends_on",
    "breakdown_key",
    "number",
    "status",
    "approval",
    "source",
    "note",
    "flag",
    "entered_by__username",
)


@dataclass(frozen=True)
class Sight:
    """What a reader may see of an indicator's figures besides the figures themselves."""

    user: Any
    indicator: Indicator
    approver: bool

    @classmethod
    def of(cls, user: Any, indicator: Indicator) -> "Sight":
        approver = user.is_authenticated and user.has_perm("indicators.approve_value", indicator)
        return cls(user, indicator, approver)

    def sees_approval(self, value: Value) -> bool:
        if self.approver:
            return True
        return self.user.is_authenticated and self.user.has_perm(
            "indicators.view_unapproved_value", value
        )

    def data(self, value: Value) -> dict[str, Any]:
        value.indicator = self.indicator
        return value_data(value, approval=self.sees_approval(value), author=self.approver)

    def csv_row(self, value: Value) -> list[Any]:
        value.indicator = self.indicator
        approval = self.sees_approval(value)
        author = value.entered_by.get_username() if self.approver and value.entered_by else None
        return [
            self.indicator.code,
            value.subject,
            value.party.code if value.party_id else None,
            value.group.slug if value.group_id else None,
            value.body.code if value.body_id else None,
            value.period.code,
            value.breakdown_key,
            value.number,
            value.status,
            value.approval if approval else None,
            value.source,
            value.note,
            value.flag,
            author,
        ]


def read_breakdown(indicator: Indicator, text: str | None) -> dict[str, str] | None:
    """Read ``sex:female,age:0-14`` (None for every breakdown, ``{}`` for the total)."""
    if text is None or not text.strip():
        return {}
    if text.strip() == EVERY_BREAKDOWN:
        return None
    pairs: dict[str, str] = {}
    for item in text.split(","):
        name, colon, part = item.partition(":")
        if not colon or not name.strip() or not part.strip():
            raise DjangoValidationError(
                {"breakdown": _("Write a breakdown as name:value, e.g. sex:female.")}
            )
        pairs[name.strip()] = part.strip()
    return check_breakdown(indicator, pairs)


def values_matching(user: Any, indicator: Indicator, filters: ValueFilters) -> QuerySet[Value]:
    """The figures of ``indicator`` that ``user`` may see and ``filters`` ask for."""
    qs = values_visible_to(user, indicator).select_related(*RELATED)
    try:
        breakdown = read_breakdown(indicator, filters.breakdown)
    except DjangoValidationError as exc:
        raise refused_query(exc) from None
    if breakdown is not None:
        qs = qs.filter(breakdown_key=breakdown_key(breakdown))
    # The parties, members and periods are read first: given as lists of ids, the figures are
    # looked up by index, where a join or a subquery misleads the planner into reading every
    # figure of the indicator, or pairing each period with each figure (PostgreSQL).
    codes = party_codes(filters.party)
    if codes:
        parties = Party.objects.filter(code__in=codes).values_list("pk", flat=True)
        qs = qs.filter(party_id__in=list(parties))
    if filters.group:
        members = GroupMembership.objects.filter(group__slug=filters.group)
        qs = qs.filter(party_id__in=list(members.values_list("party_id", flat=True)))
    if filters.period:
        qs = qs.filter(period__code=span_of(filters.period, "period").code)
    if filters.from_ or filters.to:
        periods = Period.objects.all()
        if filters.from_:
            periods = periods.filter(starts_on__gte=span_of(filters.from_, "from").starts_on)
        if filters.to:
            periods = periods.filter(ends_on__lte=span_of(filters.to, "to").ends_on)
        qs = qs.filter(period_id__in=list(periods.values_list("pk", flat=True)))
    return qs


def _csv_rows(sight: Sight, qs: QuerySet[Value]) -> Iterator[list[Any]]:
    """Read the figures' ids in order, then the figures a chunk at a time.

    Not ``iterator()``: on PostgreSQL it opens a server-side cursor, which the planner plans to
    return its first rows fast, here by walking every period in order. Only the columns
    written are read: not the related rows whole (names in every language, passwords).
    """
    ids = list(qs.order_by(*ORDER).values_list("pk", flat=True))
    # By id alone: with the filters again the planner expects a row or two per chunk.
    figures = Value.objects.select_related(*RELATED).only(*CSV_FIELDS).order_by(*ORDER)
    for start in range(0, len(ids), CSV_CHUNK):
        for value in figures.filter(pk__in=ids[start : start + CSV_CHUNK]):
            yield sight.csv_row(value)


@router.get(
    "/{code}/values",
    response={200: Paged[ValueOut], **NOT_FOUND},
    auth=READERS,
    summary="List an indicator's values",
    description="Its figures, oldest period first: approved ones for everyone, and those "
    "waiting for approval for the people who may enter or approve them. Totals only unless "
    "`breakdown` asks for parts. `format=csv` gives the whole list as one CSV file.",
)
def value_list(
    request: HttpRequest,
    code: str,
    filters: Query[ValueFilters],
    page: Query[PageQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    indicator = indicator_or_404(code)
    sight = Sight.of(request.user, indicator)
    qs = values_matching(request.user, indicator, filters)
    if format == "csv":
        return csv_response(f"{indicator.code}-values", CSV_HEADER, _csv_rows(sight, qs))
    return paginate_query(qs, page, key=ORDER).as_dict(sight.data)
