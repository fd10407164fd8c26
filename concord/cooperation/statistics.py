"""Public statistics of cooperation requests: how many, of which kind, in which state, per year.

A year is published once it has ended, and each request counts as it stood at the end of the
year it was sent (read from its history): so a figure, once published, never changes, and
nobody learns of one request by comparing two days' figures. A request still a draft, or under
seal, at that moment is not counted at all, so sealing one changes no public figure. The counts
go through ``disclosure.protect``: no figure reveals a single request. Every ended year from the
first one counted is shown, empty ones too, so that a year's appearance tells nothing either.
"""

import datetime as dt
from collections import Counter
from typing import Any

from django.utils import timezone

from concord.cooperation.disclosure import THRESHOLD, Table, as_rows, protect
from concord.cooperation.models import (
    Classification,
    CooperationRequest,
    RequestKind,
    RequestStatus,
)

KINDS = list(RequestKind.values)
STATUSES = [status for status in RequestStatus.values if status != RequestStatus.DRAFT]


def _year_end(year: int) -> dt.datetime:
    return dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)


def standing_at_year_end(year: int) -> list[dict[str, Any]]:
    """Return the requests sent in ``year`` as they stood when it ended, those counted only."""
    end = _year_end(year)
    rows = (
        CooperationRequest.history.filter(sent_on__year=year, history_date__lt=end)
        .order_by("id", "-history_date", "-history_id")
        .values("id", "history_type", "kind", "status", "classification", "fictitious")
    )
    latest: dict[int, dict[str, Any]] = {}
    for row in rows:
        latest.setdefault(row["id"], row)
    return [
        row
        for row in latest.values()
        if row["history_type"] != "-"
        and row["status"] != RequestStatus.DRAFT
        and row["classification"] != Classification.SEALED
    ]


def yearly_tables(on: dt.date | None = None) -> list[tuple[int, Table, bool]]:
    """Return one protected table (kinds by statuses) per ended year, newest first.

    Each comes with whether fictitious (demonstration) requests are among those counted.
    """
    on = on or timezone.localdate()
    first = (
        CooperationRequest.objects.exclude(sent_on__isnull=True)
        .order_by("sent_on")
        .values_list("sent_on", flat=True)
        .first()
    )
    if first is None:
        return []
    tables = []
    for year in range(on.year - 1, first.year - 1, -1):
        standing = standing_at_year_end(year)
        counts = Counter((row["kind"], row["status"]) for row in standing)
        fictitious = any(row["fictitious"] for row in standing)
        tables.append((year, protect(counts, KINDS, STATUSES), fictitious))
    return tables


def api_statistics(on: dt.date | None = None) -> dict[str, Any]:
    """Return the public figures as the API shows them."""
    tables = yearly_tables(on)
    return {
        "threshold": THRESHOLD,
        "includes_fictitious": any(fictitious for _year, _table, fictitious in tables),
        "years": [{"year": year, "cells": as_rows(table)} for year, table, _f in tables],
    }
