"""Public statistics of cooperation requests, as JSON: counts that reveal no single request."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from concord.cooperation import statistics
from concord.cooperation.api.schemas import StatisticsOut

router = Router(tags=["cooperation"])


@router.get(
    "/statistics",
    response=StatisticsOut,
    summary="Public statistics of cooperation requests",
    description="For each year of sending, newest first, the number of requests sent by kind "
    "(rows) and status (columns), with totals. A count under `threshold` is withheld (`count` "
    "null, `shown` says so), and so are others where needed, so that no withheld count can be "
    "worked out; a request under seal is counted only once it may be unsealed. "
    "`includes_fictitious` says whether demonstration requests are among those counted.",
)
def statistics_show(request: HttpRequest) -> dict[str, Any]:
    return statistics.api_statistics()
