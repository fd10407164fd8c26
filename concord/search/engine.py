"""One search interface over the registry; each database answers with its own engine.

SQLite searches FTS5 tables and PostgreSQL a generated ``tsvector`` column (see ``backends``);
both stem English words ("freezing" finds "freeze"), rank matches (an exact title or symbol
first) and never fail on what a person types. Only published instruments and their provisions
are searched unless the caller says otherwise.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType

from django.db import connection
from django.db.models import QuerySet

from concord.search import backends
from concord.search import query as parse

KINDS = ("instrument", "provision", "party")
# Kinds ``filter_queryset`` narrows: the searched ones, and the directory's legislation, which
# its own list searches (it has no group in ``search``).
QUERYSET_KINDS = (*KINDS, "legislation")
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


def _check_kind(kind: str, known: Sequence[str] = KINDS) -> None:
    if kind not in known:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {known}.")


def search(
    query: str,
    *,
    kinds: Sequence[str] = KINDS,
    limit: int = 20,
    include_unpublished: bool = False,
    count_cap: int = COUNT_CAP,
) -> SearchResults:
    """Return the best ``limit`` hits of each kind for a query typed by a person.

    A count above ``count_cap`` is given as ``count_cap`` with ``counts_exact`` False: counting
    every match of a common word in a million provisions would cost more than the search.
    """
    for kind in kinds:
        _check_kind(kind)
    query = parse.clean(query)
    results = SearchResults(query=query)
    if not query:
        return results
    backend = backends.for_connection(connection)
    for kind in kinds:
        found, counted = counted_hits(
            backend,
            kind,
            query,
            limit=limit,
            include_unpublished=include_unpublished,
            cap=count_cap,
        )
        results.groups[kind] = [Hit(kind=kind, **hit) for hit in found]
        results.counts[kind] = min(counted, count_cap)
        results.counts_exact[kind] = counted <= count_cap
    return results


def counted_hits(
    backend: ModuleType, kind: str, query: str, *, limit: int, include_unpublished: bool, cap: int
) -> tuple[list[dict], int]:
    """Return a backend's best ``limit`` hits and their count up to ``cap`` + 1.

    A backend that answers both with one scan offers ``counted_hits`` itself (PostgreSQL).
    """
    if hasattr(backend, "counted_hits"):
        return backend.counted_hits(
            kind, query, limit=limit, include_unpublished=include_unpublished, cap=cap
        )
    found = backend.hits(kind, query, limit=limit, include_unpublished=include_unpublished)
    if len(found) < limit:
        return found, len(found)  # the page holds every match
    return found, backend.count(kind, query, include_unpublished=include_unpublished, cap=cap)


def filter_queryset(qs: QuerySet, *, kind: str, query: str) -> QuerySet:
    """Narrow a queryset of ``kind`` to the rows matching ``query``, best match first.

    ``kind`` is one of ``QUERYSET_KINDS``: ``"legislation"`` takes a queryset of the directory's
    ``Legislation`` and reads its title and summary. The rows carry ``search_boost`` and
    ``search_rank`` annotations and are ordered by them, ties by id (a total order, so pages by
    offset neither repeat nor skip a row); a query with no word in it matches nothing.
    """
    _check_kind(kind, QUERYSET_KINDS)
    return backends.for_connection(connection).filter_queryset(qs, kind=kind, query=query)
