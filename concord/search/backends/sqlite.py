"""SQLite: FTS5 external-content tables that triggers keep in step with the tables they cover.

Each index reads its text from the table it covers (``content=``): the registry's instruments,
provisions, parties and party aliases, and the directory's legislation; so the text is stored
once; the triggers tell FTS5 about every insert, delete and update of an indexed column.
Ranks are bm25 with the column weights below, negated so that higher is better. A query that
matches more than ``RANKED_MATCHES`` provisions ranks only the newest of them.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from concord.search import query as parse
from concord.search.backends.expressions import RowSQL
from concord.search.backends.rows import instrument_hits, party_hits

TOKENIZE = "porter unicode61 remove_diacritics 2"
PUBLISHED = "published"

# An exact title, symbol or name ranks above anything bm25 can give.
EXACT_BOOST = 1000.0


@dataclass(frozen=True)
class FtsIndex:
    table: str
    content: str
    columns: tuple[str, ...]
    weights: tuple[float, ...]


INSTRUMENTS = FtsIndex(
    "search_instrument_fts", "registry_instrument", ("title", "short_title", "symbol"), (10, 5, 10)
)
PROVISIONS = FtsIndex("search_provision_fts", "registry_provision", ("heading", "text"), (4, 1))
PARTIES = FtsIndex("search_party_fts", "registry_party", ("name", "official_name"), (10, 5))
ALIASES = FtsIndex("search_partyalias_fts", "registry_partyalias", ("name",), (10,))
LEGISLATION = FtsIndex(
    "search_legislation_fts", "directory_legislation", ("title", "summary"), (10, 2)
)
INDEXES = (INSTRUMENTS, PROVISIONS, PARTIES, ALIASES, LEGISLATION)
QUERYSET_INDEXES = {
    "instrument": INSTRUMENTS,
    "provision": PROVISIONS,
    "party": PARTIES,
    "legislation": LEGISLATION,
}

# Rank at most this many matches of one query, the newest ones: bm25 reads each match's column
# sizes, so ranking every provision that says "States" in a million would take a second.
RANKED_MATCHES = 10_000


def _bm25(index: FtsIndex, alias: str | None = None) -> str:
    # bm25() with explicit weights: faster than FTS5's configurable ``rank`` column. Its first
    # argument is the hidden column named after the table.
    weights = ", ".join(f"{w:.1f}" for w in index.weights)
    column = f"{alias}.{index.table}" if alias else index.table
    return f"bm25({column}, {weights})"


# Schema -----------------------------------------------------------------------------------


def _triggers(index: FtsIndex) -> dict[str, str]:
    t, columns = index.table, ", ".join(index.columns)
    new = ", ".join(f"new.{c}" for c in index.columns)
    old = ", ".join(f"old.{c}" for c in index.columns)
    insert = f"INSERT INTO {t}(rowid, {columns}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {t}({t}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    return {
        f"{t}_ai": f"CREATE TRIGGER {t}_ai AFTER INSERT ON {index.content} BEGIN {insert} END",
        f"{t}_ad": f"CREATE TRIGGER {t}_ad AFTER DELETE ON {index.content} BEGIN {delete} END",
        # Only the indexed columns: publishing an instrument does not touch its index entry.
        f"{t}_au": f"CREATE TRIGGER {t}_au AFTER UPDATE OF {columns} ON {index.content} "
        f"BEGIN {delete} {insert} END",
    }


def _create(index: FtsIndex) -> list[str]:
    t = index.table
    return [
        f"CREATE VIRTUAL TABLE {t} USING fts5({', '.join(index.columns)}, "
        f"content='{index.content}', content_rowid='id', tokenize='{TOKENIZE}')",
        *_triggers(index).values(),
        f"INSERT INTO {t}({t}) VALUES ('rebuild')",
    ]


def _covering(tables: Collection[str]) -> list[FtsIndex]:
    """Return the indexes of these tables, refusing a table no index covers."""
    unknown = set(tables) - {index.content for index in INDEXES}
    if unknown:
        raise ValueError(f"No search index covers {sorted(unknown)}.")
    return [index for index in INDEXES if index.content in tables]


def install(execute: Callable[[str], Any], *, tables: Collection[str]) -> None:
    """Create the FTS5 index and triggers of each table named, and index what it holds."""
    for index in _covering(tables):
        for statement in _create(index):
            execute(statement)


def uninstall(execute: Callable[[str], Any], *, tables: Collection[str]) -> None:
    for index in _covering(tables):
        for name in _triggers(index):
            execute(f"DROP TRIGGER IF EXISTS {name}")
        execute(f"DROP TABLE IF EXISTS {index.table}")


def repair(connection: BaseDatabaseWrapper) -> list[str]:
    """Recreate the triggers a table rebuild dropped, and reindex what they missed.

    Django's SQLite schema editor changes a column by copying the table into a new one, which
    drops the old table's triggers. Return the names of the indexes rebuilt.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {name for _type, name in cursor.fetchall()}
        rebuilt = []
        for index in INDEXES:
            if index.table not in present or index.content not in present:
                continue  # not installed yet (or no longer): the migration will see to it
            missing = {n: sql for n, sql in _triggers(index).items() if n not in present}
            for sql in missing.values():
                cursor.execute(sql)
            if missing:
                cursor.execute(f"INSERT INTO {index.table}({index.table}) VALUES ('rebuild')")
                rebuilt.append(index.table)
    return rebuilt


# Queries ----------------------------------------------------------------------------------


# Every join below is a CROSS JOIN, which SQLite never reorders: the full-text match must drive
# the query. Left to itself the planner may loop over every published instrument and run the
# match once per instrument.


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _in(ids: list[int]) -> str:
    return ", ".join(["%s"] * len(ids))


def _lower(text: str) -> str:
    # SQLite's lower() folds ASCII only; fold the same way so equality agrees with it.
    return "".join(c.lower() if c.isascii() else c for c in text)


def hits(kind: str, text: str, *, limit: int, include_unpublished: bool) -> list[dict]:
    """Return the best ``limit`` matches as dicts with id, rank, title, snippet and links."""
    match = parse.fts5_match(text)
    if match is None:
        return []
    exact = _lower(parse.clean(text))
    if kind == "instrument":
        return _instrument_hits(match, exact, limit, include_unpublished)
    if kind == "provision":
        return _provision_hits(match, limit, include_unpublished)
    return _party_hits(match, exact, limit)


def _instrument_hits(match: str, exact: str, limit: int, include_unpublished: bool) -> list[dict]:
    published = "" if include_unpublished else f"AND i.publication = '{PUBLISHED}'"
    rows = _fetch(
        f"""
        SELECT i.id, i.title, i.symbol,
               CASE WHEN lower(i.title) = %s OR lower(i.symbol) = %s OR lower(i.short_title) = %s
                    THEN {EXACT_BOOST} ELSE 0 END - {_bm25(INSTRUMENTS, "f")} AS score
        FROM {INSTRUMENTS.table} f CROSS JOIN registry_instrument i ON i.id = f.rowid
        WHERE {INSTRUMENTS.table} MATCH %s {published}
        ORDER BY score DESC, i.id LIMIT %s
        """,
        [exact, exact, exact, match, limit],
    )
    return instrument_hits(rows)


def _newest_ranked(match: str) -> int:
    """Return the lowest rowid worth ranking: all of them, or the newest ``RANKED_MATCHES``."""
    t = PROVISIONS.table
    bound = _fetch(
        f"SELECT rowid FROM {t} WHERE {t} MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
        [match, RANKED_MATCHES - 1],
    )
    return bound[0][0] if bound else 0


def _provision_hits(match: str, limit: int, include_unpublished: bool) -> list[dict]:
    t = PROVISIONS.table
    since = _newest_ranked(match)
    published = "" if include_unpublished else f"AND i.publication = '{PUBLISHED}'"
    # FTS5 ranks fastest when queried alone: rank a window of the best matches, then drop those
    # of unpublished instruments; only when that leaves too few, take every match.
    window: int | None = max(limit * 4, 200)
    while True:
        inner_limit = "LIMIT %s" if window else ""
        rows = _fetch(
            f"""
            SELECT c.rowid, -c.score, p.ref, p.instrument_id, i.title, p.heading
            FROM (SELECT rowid, {_bm25(PROVISIONS)} AS score FROM {t}
                  WHERE {t} MATCH %s AND rowid >= %s ORDER BY score {inner_limit}) c
            CROSS JOIN registry_provision p ON p.id = c.rowid
            CROSS JOIN registry_instrument i ON i.id = p.instrument_id
            WHERE 1 {published}
            ORDER BY c.score, c.rowid LIMIT %s
            """,
            [match, since, *([window] if window else []), limit],
        )
        if len(rows) >= limit or window is None:
            break
        window = None
    if not rows:
        return []
    ids = [row[0] for row in rows]
    snippets = dict(
        _fetch(
            f"SELECT rowid, snippet({t}, -1, '', '', '…', 24) FROM {t} "
            f"WHERE {t} MATCH %s AND rowid IN ({_in(ids)})",
            [match, *ids],
        )
    )
    return [
        {
            "id": id_,
            "title": f"{ref}, {title}",
            "snippet": snippets.get(id_) or heading,
            "rank": score,
            "instrument_id": instrument_id,
            "ref": ref,
        }
        for id_, score, ref, instrument_id, title, heading in rows
    ]


def _party_hits(match: str, exact: str, limit: int) -> list[dict]:
    rows = _fetch(
        f"""
        WITH matched(party_id, score) AS (
            SELECT rowid, -{_bm25(PARTIES)} FROM {PARTIES.table} WHERE {PARTIES.table} MATCH %s
            UNION ALL
            SELECT a.party_id, -{_bm25(ALIASES, "f")}
            FROM {ALIASES.table} f CROSS JOIN registry_partyalias a ON a.id = f.rowid
            WHERE {ALIASES.table} MATCH %s
            UNION ALL
            SELECT id, 0 FROM registry_party WHERE lower(code) = %s
        )
        SELECT p.id, p.code, p.name, p.official_name,
               max(m.score) + CASE WHEN lower(p.name) = %s OR lower(p.official_name) = %s
                   OR lower(p.code) = %s OR EXISTS (SELECT 1 FROM registry_partyalias x
                       WHERE x.party_id = p.id AND lower(x.name) = %s)
                   THEN {EXACT_BOOST} ELSE 0 END AS score
        FROM matched m CROSS JOIN registry_party p ON p.id = m.party_id
        GROUP BY p.id
        ORDER BY score DESC, p.name, p.id LIMIT %s
        """,
        [match, match, exact, exact, exact, exact, exact, limit],
    )
    return party_hits(rows)


def count(kind: str, text: str, *, include_unpublished: bool, cap: int) -> int:
    """Count the matches, stopping after ``cap`` + 1."""
    match = parse.fts5_match(text)
    if match is None:
        return 0
    if kind == "instrument":
        published = "" if include_unpublished else f"AND i.publication = '{PUBLISHED}'"
        sql = (
            f"SELECT 1 FROM {INSTRUMENTS.table} f "
            f"CROSS JOIN registry_instrument i ON i.id = f.rowid "
            f"WHERE {INSTRUMENTS.table} MATCH %s {published}"
        )
        params: list[Any] = [match]
    elif kind == "provision":
        t = PROVISIONS.table
        sql, params = f"SELECT 1 FROM {t} WHERE {t} MATCH %s", [match]
        if not include_unpublished:
            # Checking each match's instrument costs a lookup a row. With more than twice the
            # cap matching at all, the published ones pass the cap unless most are unpublished.
            ((matching,),) = _fetch(f"SELECT count(*) FROM ({sql} LIMIT %s)", [match, 2 * cap + 1])
            if matching > 2 * cap:
                return cap + 1
            sql = (
                f"SELECT 1 FROM {t} f CROSS JOIN registry_provision p ON p.id = f.rowid "
                f"CROSS JOIN registry_instrument i ON i.id = p.instrument_id "
                f"WHERE {t} MATCH %s AND i.publication = '{PUBLISHED}'"
            )
    else:
        sql = (
            f"SELECT rowid FROM {PARTIES.table} WHERE {PARTIES.table} MATCH %s UNION "
            f"SELECT a.party_id FROM {ALIASES.table} f CROSS JOIN registry_partyalias a "
            f"ON a.id = f.rowid WHERE {ALIASES.table} MATCH %s UNION "
            "SELECT id FROM registry_party WHERE lower(code) = %s"
        )
        params = [match, match, _lower(parse.clean(text))]
    ((counted,),) = _fetch(f"SELECT count(*) FROM ({sql} LIMIT %s)", [*params, cap + 1])
    return counted


def filter_queryset(qs: QuerySet, *, kind: str, query: str) -> QuerySet:
    match = parse.fts5_match(query)
    if match is None:
        return qs.none()
    exact = parse.clean(query)
    index = QUERYSET_INDEXES[kind]
    t = index.table
    found = Q(pk__in=RawSQL(f"SELECT rowid FROM {t} WHERE {t} MATCH %s", [match]))
    # The ranks of every match, computed once (MATERIALIZED) and looked up per row; a plain
    # correlated subquery would run the match again for each row, a hundred times slower.
    rank = RowSQL(
        f"(WITH ranked AS MATERIALIZED (SELECT rowid AS id, -{_bm25(index)} AS score FROM {t} "
        f"WHERE {t} MATCH %s) SELECT score FROM ranked WHERE ranked.id = {{row}}.id)",
        [match],
        output_field=FloatField(),
    )
    boost: Any = Value(0.0)
    if kind == "instrument":
        is_exact = Q(title__iexact=exact) | Q(symbol__iexact=exact) | Q(short_title__iexact=exact)
        boost = Case(When(is_exact, then=Value(EXACT_BOOST)), default=Value(0.0))
    elif kind == "legislation":
        boost = Case(When(title__iexact=exact, then=Value(EXACT_BOOST)), default=Value(0.0))
    elif kind == "party":
        alias_sql = (
            f"SELECT a.party_id FROM {ALIASES.table} f CROSS JOIN registry_partyalias a "
            f"ON a.id = f.rowid WHERE {ALIASES.table} MATCH %s"
        )
        found |= Q(pk__in=RawSQL(alias_sql, [match])) | Q(code__iexact=exact)
        exact_ids = qs.model.objects.filter(
            Q(name__iexact=exact) | Q(code__iexact=exact) | Q(aliases__name__iexact=exact)
        ).values("pk")
        boost = Case(When(pk__in=exact_ids, then=Value(EXACT_BOOST)), default=Value(0.0))
    return (
        qs.filter(found)
        .annotate(search_boost=boost, search_rank=Coalesce(rank, Value(0.0)))
        .order_by("-search_boost", "-search_rank", "pk")
    )
