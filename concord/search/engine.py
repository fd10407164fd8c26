"""One search interface over the registry; each database answers with its own engine.

PLACEHOLDER implementation (substring match) until the full-text engines land: the signatures
and return types below are the contract that pages and the API rely on.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from concord.registry.models import Party, Provision
from concord.registry.selectors import instruments_visible

KINDS = ("instrument", "provision", "party")
COUNT_CAP = 10_000


@dataclass(frozen=True)
class Hit:
    kind: str  # "instrument" | "provision" | "party"
    id: int
    title: str  # instrument title, "ref, instrument title" for a provision, or party name
    snippet: str  # plain-text excerpt around the match (escape it when rendering)
    rank: float  # higher is better, comparable only within one kind
    instrument_id: int | None = None
    ref: str | None = None
    party_code: str | None = None


@dataclass(frozen=True)
class SearchResults:
    query: str
    groups: dict[str, list[Hit]] = field(default_factory=dict)  # kind -> hits, best first
    counts: dict[str, int] = field(default_factory=dict)  # kind -> matches, at most COUNT_CAP
    counts_exact: dict[str, bool] = field(default_factory=dict)  # False when capped


def search(
    query: str,
    *,
    kinds: Sequence[str] = KINDS,
    limit: int = 20,
    include_unpublished: bool = False,
) -> SearchResults:
    """Return the best ``limit`` hits of each kind for a query typed by a person."""
    query = query.strip()
    results = SearchResults(query=query)
    if not query:
        return results
    instruments = instruments_visible(include_unpublished=include_unpublished)
    if "instrument" in kinds:
        qs = filter_queryset(instruments, kind="instrument", query=query)
        results.groups["instrument"] = [
            Hit("instrument", i.pk, i.title, i.symbol, 1.0, instrument_id=i.pk) for i in qs[:limit]
        ]
        results.counts["instrument"] = qs.count()
        results.counts_exact["instrument"] = True
    if "provision" in kinds:
        qs = Provision.objects.filter(instrument__in=instruments, text__icontains=query)
        qs = qs.select_related("instrument")
        results.groups["provision"] = [
            Hit(
                "provision",
                p.pk,
                f"{p.ref}, {p.instrument.title}",
                p.text[:200],
                1.0,
                instrument_id=p.instrument_id,
                ref=p.ref,
            )
            for p in qs[:limit]
        ]
        results.counts["provision"] = qs.count()
        results.counts_exact["provision"] = True
    if "party" in kinds:
        qs = Party.objects.filter(Q(name__icontains=query) | Q(code__iexact=query))
        results.groups["party"] = [
            Hit("party", p.pk, p.name, p.code, 1.0, party_code=p.code) for p in qs[:limit]
        ]
        results.counts["party"] = qs.count()
        results.counts_exact["party"] = True
    return results


def filter_queryset(qs: QuerySet, *, kind: str, query: str) -> QuerySet:
    """Narrow a queryset of ``kind`` to the rows matching ``query``, best match first."""
    if kind == "instrument":
        return qs.filter(Q(title__icontains=query) | Q(symbol__icontains=query))
    if kind == "provision":
        return qs.filter(text__icontains=query)
    if kind == "party":
        return qs.filter(name__icontains=query)
    raise ValueError(f"Unknown kind {kind!r}; expected one of {KINDS}.")
