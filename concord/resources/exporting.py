"""Contributions as a file the import reads back: one row a contribution, its allocations as
``A1:40;B1:400000 USD`` (``12/A1`` for a node of another framework than the row's)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from concord.indicators.exporting import csv_lines, number_text, xlsx_bytes
from concord.resources.importing import COLUMNS
from concord.resources.models import Allocation, Contribution


def _allocations_text(contribution: Contribution, framework_id: int | None) -> str:
    parts = []
    for allocation in contribution.allocations.all():
        node = allocation.node
        code = (
            node.code if node.framework_id == framework_id else f"{node.framework_id}/{node.code}"
        )
        if allocation.share is not None:
            parts.append(f"{code}:{number_text(allocation.share)}")
        else:
            parts.append(f"{code}:{number_text(allocation.amount)} {contribution.currency}")
    return ";".join(parts)


def export_rows(contributions: QuerySet[Contribution]) -> Iterator[list[Any]]:
    """Yield the header, then a row a contribution, as ``contributions_import`` reads them."""
    yield list(COLUMNS)
    nodes = Allocation.objects.select_related("node").order_by("node__seq")
    ordered = (
        contributions.select_related("partner__party", "organization", "modality", "country")
        .prefetch_related(Prefetch("allocations", nodes))
        .order_by("reference")
    )
    for c in ordered.iterator(chunk_size=2000):
        allocations = list(c.allocations.all())
        framework_id = allocations[0].node.framework_id if allocations else None
        yield [
            c.reference,
            c.title,
            c.partner.party.code,
            c.organization.code,
            c.modality.code if c.modality_id else "",
            c.country.code if c.country_id else "",
            c.region,
            c.amount,
            c.currency,
            c.status,
            c.status_on.isoformat(),
            c.starts_on.isoformat() if c.starts_on else "",
            c.ends_on.isoformat() if c.ends_on else "",
            c.source,
            c.note,
            "yes" if c.published else "no",
            "yes" if c.illustrative else "no",
            framework_id or "",
            _allocations_text(c, framework_id),
        ]


def export_csv(contributions: QuerySet[Contribution]) -> Iterator[str]:
    """Yield the contributions as CSV, a line at a time."""
    return csv_lines(export_rows(contributions))


def export_xlsx(contributions: QuerySet[Contribution]) -> bytes:
    """Return the contributions as a workbook of one sheet."""
    return xlsx_bytes(
        export_rows(contributions),
        title=str(_("contributions")),
        too_many=_("Too many contributions for one sheet: export them as CSV."),
    )
