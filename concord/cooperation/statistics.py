"""Public statistics of cooperation requests: how many, of which kind, in which state, per year.

Counted from every request sent (drafts are nobody's business but the requesting body's), by
the year it was sent, and protected by ``disclosure.protect``: no figure reveals a single
request. A request under seal counts only from the day it may be unsealed, so sealing one
changes no public figure.
"""

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
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


def counted(on: dt.date | None = None):
    """Return the requests the public figures count ``on`` (today): sent, and not under seal."""
    on = on or timezone.localdate()
    sealed = Q(classification=Classification.SEALED) & (
        Q(unseal_on__isnull=True) | Q(unseal_on__gt=on)
    )
    return (
        CooperationRequest.objects.exclude(status=RequestStatus.DRAFT)
        .exclude(sent_on__isnull=True)
        .exclude(sealed)
    )


def yearly_tables(on: dt.date | None = None) -> list[tuple[int, Table]]:
    """Return one protected table (kinds by statuses) per year of sending, newest first."""
    rows = (
        counted(on)
        .annotate(year=ExtractYear("sent_on"))
        .values("year", "kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_year: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for row in rows:
        by_year[row["year"]][(row["kind"], row["status"])] = row["n"]
    return [
        (year, protect(by_year[year], KINDS, STATUSES)) for year in sorted(by_year, reverse=True)
    ]


def includes_fictitious(on: dt.date | None = None) -> bool:
    return counted(on).filter(fictitious=True).exists()


def api_statistics(on: dt.date | None = None) -> dict[str, Any]:
    """Return the public figures as the API shows them."""
    return {
        "threshold": THRESHOLD,
        "includes_fictitious": includes_fictitious(on),
        "years": [{"year": year, "cells": as_rows(table)} for year, table in yearly_tables(on)],
    }
