"""PostgreSQL: a stored generated ``tsvector`` column with a GIN index on each searched table.

The database computes the column itself on every insert and update, so the index cannot drift
from the text. Weights: title and symbol A, short title and heading B, text C; a law's title A
and its summary B.
Queries go through ``websearch_to_tsquery``, which accepts anything a person types.

A word common in a million provisions matches tens of thousands of them, and each match costs a
visit to its table row (a GIN index says where the matches are, not their ids). So provisions are
searched in windows of the newest rows, widened fourfold until they hold ``RANKED_MATCHES``
matches or cover the whole table; only the newest ``RANKED_MATCHES`` matches of that window are
ranked, as SQLite does (see docs/search.md).
"""

from collections.abc import Callable, Collection
from typing import Any

from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, Case, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from concord.search import query as parse
from concord.search.backends.expressions import RowSQL
from concord.search.backends.rows import instrument_hits, party_hits

CONFIG = "english"
COLUMN = "search_vector"
PUBLISHED = "published"
EXACT_BOOST = 1000.0
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %s)"

# table -> [(column, weight)]
VECTORS: dict[str, list[tuple[str, str]]] = {
    "registry_instrument": [("title", "A"), ("symbol", "A"), ("short_title", "B")],
    "registry_provision": [("heading", "B"), ("text", "C")],
    "registry_party": [("name", "A"), ("official_name", "B")],
    "registry_partyalias": [("name", "A")],
    "directory_legislation": [("title", "A"), ("summary", "B")],
}

# Divide a provision's rank by 1 + log(its length), as bm25 favours the shorter of two texts;
# a law's too, as its summary may run long.
LENGTH_NORMALIZATION = 1

# Rank at most this many matches of one query: the newest ones, like SQLite's RANKED_MATCHES, but
# fewer, as each costs a visit to its row here where FTS5 reads its index alone.
RANKED_MATCHES = 2_000

# The newest provisions searched first, by id; each window four times the last, then all of them.
FIRST_WINDOW = 25_000
WINDOW_GROWTH = 4

HEADLINE_OPTIONS = (
    'StartSel="", StopSel="", MaxWords=30, MinWords=12, ShortWord=3, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _vector(columns: list[tuple[str, str]]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in columns
    )


def _known(tables: Collection[str]) -> list[str]:
    """Return the searched tables named, refusing a table that is not searched."""
    unknown = set(tables) - set(VECTORS)
    if unknown:
        raise ValueError(f"No search index covers {sorted(unknown)}.")
    return [table for table in VECTORS if table in tables]


def install(execute: Callable[[str], Any], *, tables: Collection[str]) -> None:
    """Add the generated column and its GIN index to each table named."""
    for table in _known(tables):
        columns = VECTORS[table]
        execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({_vector(columns)}) STORED"
        )
        execute(f"CREATE INDEX {table}_search ON {table} USING gin ({COLUMN})")


def uninstall(execute: Callable[[str], Any], *, tables: Collection[str]) -> None:
    for table in _known(tables):
        execute(f"DROP INDEX IF EXISTS {table}_search")
        execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")


def repair(connection: BaseDatabaseWrapper) -> list[str]:
    """Nothing to repair: a generated column moves with its table."""
    return []


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def hits(kind: str, text: str, *, limit: int, include_unpublished: bool) -> list[dict]:
    """Return the best ``limit`` matches as dicts with id, rank, title, snippet and links."""
    words = parse.websearch_text(text)
    if words is None:
        return []
    exact = parse.clean(text).lower()
    published = "" if include_unpublished else f"AND i.publication = '{PUBLISHED}'"
    if kind == "instrument":
        rows = _fetch(
            f"""
            SELECT i.id, i.title, i.symbol,
                   CASE WHEN lower(i.title) = %s OR lower(i.symbol) = %s
                        OR lower(i.short_title) = %s THEN {EXACT_BOOST} ELSE 0 END
                   + ts_rank_cd(i.{COLUMN}, q) AS score
            FROM registry_instrument i, {TSQUERY} q
            WHERE i.{COLUMN} @@ q {published}
            ORDER BY score DESC, i.id LIMIT %s
            """,
            [exact, exact, exact, words, limit],
        )
        return instrument_hits(rows)
    if kind == "provision":
        return _provision_hits(words, limit, include_unpublished)[0]
    rows = _fetch(
        f"""
        SELECT p.id, p.code, p.name, p.official_name,
               greatest(ts_rank_cd(p.{COLUMN}, q), coalesce((SELECT max(ts_rank_cd(a.{COLUMN}, q))
                   FROM registry_partyalias a WHERE a.party_id = p.id), 0))
               + CASE WHEN lower(p.name) = %s OR lower(p.official_name) = %s
                   OR lower(p.code) = %s OR EXISTS (SELECT 1 FROM registry_partyalias x
                       WHERE x.party_id = p.id AND lower(x.name) = %s)
                 THEN {EXACT_BOOST} ELSE 0 END AS score
        FROM registry_party p, {TSQUERY} q
        WHERE p.{COLUMN} @@ q OR lower(p.code) = %s OR p.id IN (
            SELECT a.party_id FROM registry_partyalias a WHERE a.{COLUMN} @@ q)
        ORDER BY score DESC, p.name, p.id LIMIT %s
        """,
        [exact, exact, exact, exact, words, exact, limit],
    )
    return party_hits(rows)


def _windows(lowest: int | None, highest: int | None) -> list[int | None]:
    """Return the lowest provision id of each window, newest first; None stands for all of them."""
    bounds: list[int | None] = []
    size = FIRST_WINDOW
    while lowest is not None and highest is not None and highest - size > lowest:
        bounds.append(highest - size + 1)
        size *= WINDOW_GROWTH
    return [*bounds, None]


def _provision_window(
    words: str, since: int | None, limit: int, include_unpublished: bool
) -> tuple[list[tuple[int, float]], int]:
    """Rank the newest ``RANKED_MATCHES`` matches with an id of at least ``since``.

    Return the ids and ranks of the best ``limit`` of them and how many matches the window holds.
    """
    window = "" if since is None else "AND p.id >= %s"
    # Few instruments are unpublished: a hashed list of them costs less than a join.
    published = (
        ""
        if include_unpublished
        else "AND p.instrument_id NOT IN "
        f"(SELECT id FROM registry_instrument WHERE publication <> '{PUBLISHED}')"
    )
    with transaction.atomic(), default_connection.cursor() as cursor:
        # Read the window through both indexes at once (a BitmapAnd of the GIN index and
        # the id range), visiting only the rows that match. Left to itself, the planner
        # sometimes walks the id range instead and tests every row in it: three times slower.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(
            f"""
                WITH matched AS MATERIALIZED (
                    SELECT p.id, p.{COLUMN} AS vector FROM registry_provision p
                    WHERE p.{COLUMN} @@ {TSQUERY} {window} {published}
                ), newest AS (
                    SELECT id, vector FROM matched ORDER BY id DESC LIMIT %s
                )
                SELECT n.id, ts_rank_cd(n.vector, q, {LENGTH_NORMALIZATION}) AS score,
                       (SELECT count(*) FROM matched)
                FROM newest n, {TSQUERY} q
                ORDER BY score DESC, n.id LIMIT %s
                """,
            [words, *([since] if since is not None else []), RANKED_MATCHES, words, limit],
        )
        rows = cursor.fetchall()
    return [(id_, score) for id_, score, _matched in rows], (rows[0][2] if rows else 0)


def _provision_hits(
    words: str, limit: int, include_unpublished: bool, cap: int | None = None
) -> tuple[list[dict], int | None]:
    """Return the best ``limit`` provisions and, given a ``cap``, their count up to ``cap`` + 1.

    The count is exact when the ranked window covers every provision; otherwise more than twice
    ``cap`` matches extrapolated from the window count as "more than ``cap``", and anything less
    is counted over the whole table. None when no ``cap`` is given.
    """
    counted: int | None = None
    ((lowest, highest),) = _fetch("SELECT min(id), max(id) FROM registry_provision", [])
    for since in _windows(lowest, highest):
        rows, matched = _provision_window(words, since, limit, include_unpublished)
        if since is None:
            counted = min(matched, cap + 1) if cap is not None else None
            break
        if matched >= RANKED_MATCHES:
            if cap is not None:
                estimate = matched * (highest - lowest + 1) / (highest - since + 1)
                counted = (
                    cap + 1
                    if estimate > 2 * cap
                    else _count_provisions(words, include_unpublished, cap)
                )
            break
    return _provision_rows(words, rows), counted


def _provision_rows(words: str, ranked: list[tuple[int, float]]) -> list[dict]:
    """Return the hits for ranked provision ids, with their instrument's title and a snippet."""
    if not ranked:
        return []
    # ts_headline re-parses the text: only for the page shown, never for every match.
    found = {
        row[0]: row[1:]
        for row in _fetch(
            f"""
            SELECT p.id, p.ref, p.instrument_id, i.title,
                   ts_headline('{CONFIG}', concat_ws(' ', p.heading, p.text), q, %s)
            FROM registry_provision p JOIN registry_instrument i ON i.id = p.instrument_id,
                 {TSQUERY} q
            WHERE p.id = ANY(%s)
            """,
            [HEADLINE_OPTIONS, words, [id_ for id_, _score in ranked]],
        )
    }
    return [
        {
            "id": id_,
            "title": f"{found[id_][0]}, {found[id_][2]}",
            "snippet": found[id_][3],
            "rank": score,
            "instrument_id": found[id_][1],
            "ref": found[id_][0],
        }
        for id_, score in ranked
    ]


def counted_hits(
    kind: str, text: str, *, limit: int, include_unpublished: bool, cap: int
) -> tuple[list[dict], int]:
    """Return ``hits`` and ``count`` at once: for provisions one scan of a window answers both."""
    words = parse.websearch_text(text)
    if kind != "provision" or words is None:
        found = hits(kind, text, limit=limit, include_unpublished=include_unpublished)
        if len(found) < limit:
            return found, len(found)
        return found, count(kind, text, include_unpublished=include_unpublished, cap=cap)
    found, counted = _provision_hits(words, limit, include_unpublished, cap)
    return found, (len(found) if len(found) < limit else counted or 0)


def _count_provisions(words: str, include_unpublished: bool, cap: int) -> int:
    join = "" if include_unpublished else "JOIN registry_instrument i ON i.id = p.instrument_id"
    published = "" if include_unpublished else f"AND i.publication = '{PUBLISHED}'"
    sql = f"SELECT 1 FROM registry_provision p {join} WHERE p.{COLUMN} @@ {TSQUERY} {published}"
    ((counted,),) = _fetch(f"SELECT count(*) FROM ({sql} LIMIT %s) AS capped", [words, cap + 1])
    return counted


def count(kind: str, text: str, *, include_unpublished: bool, cap: int) -> int:
    """Count the matches, stopping after ``cap`` + 1."""
    words = parse.websearch_text(text)
    if words is None:
        return 0
    published = "" if include_unpublished else f"AND i.publication = '{PUBLISHED}'"
    if kind == "instrument":
        sql = f"SELECT 1 FROM registry_instrument i WHERE i.{COLUMN} @@ {TSQUERY} {published}"
        params: list[Any] = [words]
    elif kind == "provision":
        return _count_provisions(words, include_unpublished, cap)
    else:
        sql = (
            f"SELECT 1 FROM registry_party p WHERE p.{COLUMN} @@ {TSQUERY} "
            f"OR lower(p.code) = %s OR p.id IN (SELECT a.party_id FROM registry_partyalias a "
            f"WHERE a.{COLUMN} @@ {TSQUERY})"
        )
        params = [words, parse.clean(text).lower(), words]
    ((counted,),) = _fetch(f"SELECT count(*) FROM ({sql} LIMIT %s) AS capped", [*params, cap + 1])
    return counted


def filter_queryset(qs: QuerySet, *, kind: str, query: str) -> QuerySet:
    words = parse.websearch_text(query)
    if words is None:
        return qs.none()
    exact = parse.clean(query)
    found = RowSQL(f"{{row}}.{COLUMN} @@ {TSQUERY}", [words], output_field=BooleanField())
    normalization = LENGTH_NORMALIZATION if kind == "legislation" else 0
    rank = RowSQL(
        f"ts_rank_cd({{row}}.{COLUMN}, {TSQUERY}, {normalization})",
        [words],
        output_field=FloatField(),
    )
    condition = Q(found)
    boost: Any = Value(0.0)
    if kind == "instrument":
        is_exact = Q(title__iexact=exact) | Q(symbol__iexact=exact) | Q(short_title__iexact=exact)
        boost = Case(When(is_exact, then=Value(EXACT_BOOST)), default=Value(0.0))
    elif kind == "legislation":
        boost = Case(When(title__iexact=exact, then=Value(EXACT_BOOST)), default=Value(0.0))
    elif kind == "party":
        aliases = RowSQL(
            f"{{row}}.id IN (SELECT a.party_id FROM registry_partyalias a "
            f"WHERE a.{COLUMN} @@ {TSQUERY})",
            [words],
            output_field=BooleanField(),
        )
        condition = condition | Q(aliases) | Q(code__iexact=exact)
        exact_ids = qs.model.objects.filter(
            Q(name__iexact=exact) | Q(code__iexact=exact) | Q(aliases__name__iexact=exact)
        ).values("pk")
        boost = Case(When(pk__in=exact_ids, then=Value(EXACT_BOOST)), default=Value(0.0))
    return (
        qs.filter(condition)
        .annotate(search_boost=boost, search_rank=Coalesce(rank, Value(0.0)))
        .order_by("-search_boost", "-search_rank", "pk")
    )
