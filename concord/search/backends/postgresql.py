"""PostgreSQL: a stored generated ``tsvector`` column with a GIN index on each searched table.

The database computes the column itself on every insert and update, so the index cannot drift
from the text. Weights: title and symbol A, short title and heading B, text C.
Queries go through ``websearch_to_tsquery``, which accepts anything a person types.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, Case, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from concord.search import query as parse
from concord.search.backends.expressions import RowSQL

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
}

# Divide a provision's rank by 1 + log(its length), as bm25 favours the shorter of two texts.
LENGTH_NORMALIZATION = 1

HEADLINE_OPTIONS = (
    'StartSel="", StopSel="", MaxWords=30, MinWords=12, ShortWord=3, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _vector(columns: list[tuple[str, str]]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in columns
    )


def install(execute: Callable[[str], Any]) -> None:
    for table, columns in VECTORS.items():
        execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({_vector(columns)}) STORED"
        )
        execute(f"CREATE INDEX {table}_search ON {table} USING gin ({COLUMN})")


def uninstall(execute: Callable[[str], Any]) -> None:
    for table in VECTORS:
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
        return [
            {"id": id_, "title": title, "snippet": symbol, "rank": score, "instrument_id": id_}
            for id_, title, symbol, score in rows
        ]
    if kind == "provision":
        rows = _fetch(
            f"""
            SELECT p.id, ts_rank_cd(p.{COLUMN}, q, {LENGTH_NORMALIZATION}) AS score,
                   p.ref, p.instrument_id, i.title
            FROM registry_provision p JOIN registry_instrument i ON i.id = p.instrument_id,
                 {TSQUERY} q
            WHERE p.{COLUMN} @@ q {published}
            ORDER BY score DESC, p.id LIMIT %s
            """,
            [words, limit],
        )
        if not rows:
            return []
        # ts_headline re-parses the text: only for the page shown, never for every match.
        snippets = dict(
            _fetch(
                f"""
                SELECT p.id, ts_headline('{CONFIG}', concat_ws(' ', p.heading, p.text), q, %s)
                FROM registry_provision p, {TSQUERY} q WHERE p.id = ANY(%s)
                """,
                [HEADLINE_OPTIONS, words, [row[0] for row in rows]],
            )
        )
        return [
            {
                "id": id_,
                "title": f"{ref}, {title}",
                "snippet": snippets.get(id_, ""),
                "rank": score,
                "instrument_id": instrument_id,
                "ref": ref,
            }
            for id_, score, ref, instrument_id, title in rows
        ]
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
    return [
        {
            "id": id_,
            "title": name,
            "snippet": official_name or code,
            "rank": score,
            "party_code": code,
        }
        for id_, code, name, official_name, score in rows
    ]


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
        join = "" if include_unpublished else "JOIN registry_instrument i ON i.id = p.instrument_id"
        sql = f"SELECT 1 FROM registry_provision p {join} WHERE p.{COLUMN} @@ {TSQUERY} {published}"
        params = [words]
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
    rank = RowSQL(f"ts_rank_cd({{row}}.{COLUMN}, {TSQUERY})", [words], output_field=FloatField())
    condition = Q(found)
    boost: Any = Value(0.0)
    if kind == "instrument":
        is_exact = Q(title__iexact=exact) | Q(symbol__iexact=exact) | Q(short_title__iexact=exact)
        boost = Case(When(is_exact, then=Value(EXACT_BOOST)), default=Value(0.0))
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
        .order_by("-search_boost", "-search_rank")
    )
