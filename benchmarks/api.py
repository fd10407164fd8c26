"""Time the API through the whole Django stack against the raw SQL that fetches the same rows.

Run on demand (never in tests), against the database the environment names:

    .venv/bin/python benchmarks/api.py                          # var/concord.sqlite3
    CONCORD_DATA_DIR=/tmp/concord-scale .venv/bin/python benchmarks/api.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/concord_scale .venv/bin/python benchmarks/api.py

Each endpoint is asked ``--requests`` times in-process with django.test.Client and DEBUG off
(middleware, URL routing, ninja, serialization all included, no network). Its "floor" is the
same rows read with cursor.execute and encoded with json.dumps: the least any implementation
must spend. The table gives median and p95 of both and the ratio of the medians.
"""

import argparse
import json
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Production-like settings: DEBUG off (no query log), but plain HTTP from the test client.
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-any-deployment-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["CONCORD_HTTPS"] = "0"
os.environ.setdefault("CONCORD_LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.http import urlencode  # noqa: E402
from scratch import p95, timed  # noqa: E402

from concord.search import backends, engine  # noqa: E402

COUNT_CAP = 10_000
PAGE = 50
DEFAULT_QUERIES = ["freezing", "asset recovery", "States", '"witness protection"', "SYN/42"]


def fetch(sql: str, params: list | tuple = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Floors: the rows each endpoint answers with, by raw SQL, encoded as JSON -------------------

# Every column an instrument's answer shows: its body's code and name, and whether the instrument
# it revises is published (an unpublished one is not named).
INSTRUMENT_COLUMNS = (
    "i.id, i.symbol, i.title, i.short_title, i.kind, i.number, i.adopted_earliest, "
    "i.adopted_latest, i.adopted_precision, b.code, b.name, i.legal_status, i.publication, "
    "i.revision_of_id, r.publication"
)
INSTRUMENT_JOINS = (
    "LEFT JOIN registry_body b ON b.id = i.body_id "
    "LEFT JOIN registry_instrument r ON r.id = i.revision_of_id"
)
REF_COLUMNS = "i.id, i.symbol, i.title, i.kind"


def encode(rows: object) -> str:
    return json.dumps(rows, default=str)


def floor_list() -> str:
    """The first page of instruments and the capped count of all of them."""
    ((count,),) = fetch(
        "SELECT count(*) FROM (SELECT 1 FROM registry_instrument "
        "WHERE publication = 'published' LIMIT %s) AS capped",
        [COUNT_CAP + 1],
    )
    rows = fetch(
        f"SELECT {INSTRUMENT_COLUMNS} FROM registry_instrument i {INSTRUMENT_JOINS} "
        "WHERE i.publication = 'published' ORDER BY i.id LIMIT %s",
        [PAGE + 1],
    )
    return encode({"items": rows[:PAGE], "count": count})


def floor_detail(instrument_id: int) -> str:
    """The instrument, its three counts, its relations, revisions and revision chain."""
    (row,) = fetch(
        f"SELECT {INSTRUMENT_COLUMNS}, i.source_document, i.source_url, "
        "(SELECT count(*) FROM registry_provision WHERE instrument_id = i.id), "
        "(SELECT count(*) FROM registry_participation WHERE instrument_id = i.id), "
        "(SELECT count(*) FROM registry_statement WHERE instrument_id = i.id) "
        f"FROM registry_instrument i {INSTRUMENT_JOINS} "
        "WHERE i.id = %s AND i.publication = 'published'",
        [instrument_id],
    )
    relations = fetch(
        f"SELECT r.kind, r.note, r.source_id = %s, {REF_COLUMNS} "
        "FROM registry_instrumentrelation r JOIN registry_instrument i "
        "ON i.id = CASE WHEN r.source_id = %s THEN r.target_id ELSE r.source_id END "
        "WHERE (r.source_id = %s OR r.target_id = %s) AND i.publication = 'published'",
        [instrument_id] * 4,
    )
    revisions = fetch(
        f"SELECT {REF_COLUMNS} FROM registry_instrument i "
        "WHERE i.revision_of_id = %s AND i.publication = 'published' ORDER BY i.id",
        [instrument_id],
    )
    chain = [row[:4]]
    revised = row[13]
    while revised is not None:  # the originals, one query a step as the endpoint walks them
        found = fetch(
            f"SELECT {REF_COLUMNS}, i.revision_of_id FROM registry_instrument i "
            "WHERE i.id = %s AND i.publication = 'published'",
            [revised],
        )
        if not found:
            break
        chain.insert(0, found[0][:4])
        revised = found[0][4]
    current = instrument_id
    while revisions and len(chain) < 50:  # and the later ones, only when there are any
        found = fetch(
            f"SELECT {REF_COLUMNS} FROM registry_instrument i WHERE i.revision_of_id = %s "
            "AND i.publication = 'published' ORDER BY i.adopted_earliest, i.id LIMIT 1",
            [current],
        )
        if not found:
            break
        chain.append(found[0])
        current = found[0][0]
    return encode(
        {"instrument": row, "relations": relations, "revisions": revisions, "chain": chain}
    )


def floor_provisions(instrument_id: int) -> str:
    """The instrument's visibility, the capped count, a page of provisions and their addressees."""
    if not fetch(
        "SELECT 1 FROM registry_instrument WHERE id = %s AND publication = 'published'",
        [instrument_id],
    ):
        return encode(None)
    ((count,),) = fetch(
        "SELECT count(*) FROM (SELECT 1 FROM registry_provision WHERE instrument_id = %s "
        "LIMIT %s) AS capped",
        [instrument_id, COUNT_CAP + 1],
    )
    rows = fetch(
        "SELECT p.id, p.instrument_id, p.seq, p.depth, p.ref, p.number, p.kind, p.verb, "
        "p.heading, p.text, p.is_bracketed, p.has_placeholder, parent.ref "
        "FROM registry_provision p LEFT JOIN registry_provision parent ON parent.id = p.parent_id "
        "WHERE p.instrument_id = %s ORDER BY p.seq LIMIT %s",
        [instrument_id, PAGE + 1],
    )
    addressees = fetch(
        "SELECT a.provision_id, a.label, party.code, g.slug, b.code "
        "FROM registry_provisionaddressee a JOIN registry_provision p ON p.id = a.provision_id "
        "LEFT JOIN registry_party party ON party.id = a.party_id "
        "LEFT JOIN registry_group g ON g.id = a.group_id "
        "LEFT JOIN registry_body b ON b.id = a.body_id "
        "WHERE p.instrument_id = %s AND p.seq BETWEEN %s AND %s ORDER BY a.provision_id, a.label",
        [instrument_id, rows[0][2], rows[-1][2]] if rows else [instrument_id, 0, 0],
    )
    return encode({"items": rows[:PAGE], "count": count, "addressees": addressees})


def floor_search(query: str) -> str:
    """The engine's own SQL for each kind, without the request, the engine's objects or ninja."""
    backend = backends.for_connection(connection)
    groups = {}
    for kind in engine.KINDS:
        found, count = engine.counted_hits(
            backend, kind, query, limit=20, include_unpublished=False, cap=COUNT_CAP
        )
        groups[kind] = {"items": found, "count": count}
    return encode(groups)


# The run ----------------------------------------------------------------------------------


def longest_instrument() -> int | None:
    rows = fetch(
        "SELECT p.instrument_id FROM registry_provision p "
        "JOIN registry_instrument i ON i.id = p.instrument_id "
        "WHERE i.publication = 'published' GROUP BY p.instrument_id "
        "ORDER BY count(*) DESC LIMIT 1"
    )
    return rows[0][0] if rows else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests first")
    parser.add_argument(
        "--query", action="append", help="a search query (repeatable); a mix by default"
    )
    args = parser.parse_args()

    client = Client()
    instrument_id = longest_instrument()
    settings_db = connection.settings_dict
    print(f"Database: {connection.vendor} {settings_db['NAME']}")
    counts = {
        table: fetch(f"SELECT count(*) FROM registry_{table}")[0][0]
        for table in ("party", "instrument", "provision", "participation")
    }
    print("Rows: " + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    if instrument_id is None:
        print("No published instrument with provisions: load the demo or `concord demo scale`.")
        return
    provisions = (
        counts["provision"]
        and fetch(
            "SELECT count(*) FROM registry_provision WHERE instrument_id = %s", [instrument_id]
        )[0][0]
    )
    print(f"Provisions endpoint: instrument {instrument_id} ({provisions:,} provisions)")
    print(f"{args.requests} requests each after {args.warmup} warm-up requests; times in ms.\n")

    cases: list[tuple[str, str, Callable[[], str]]] = [
        ("list", "/api/instruments", floor_list),
        ("detail", f"/api/instruments/{instrument_id}", lambda: floor_detail(instrument_id)),
        (
            "provisions",
            f"/api/instruments/{instrument_id}/provisions?limit={PAGE}",
            lambda: floor_provisions(instrument_id),
        ),
    ]
    for query in args.query or DEFAULT_QUERIES:
        path = "/api/search?" + urlencode({"q": query})
        cases.append((f"search {query}", path, lambda query=query: floor_search(query)))

    header = f"{'endpoint':<28} {'median':>8} {'p95':>8} {'floor':>8} {'floor p95':>9} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for name, path, floor in cases:
        response = client.get(path)
        if response.status_code == 404:
            print(f"{name:<28} skipped: {path} answers 404 (not written yet?)")
            continue
        if response.status_code != 200:
            print(f"{name:<28} skipped: {path} answers {response.status_code}")
            continue
        full = timed(lambda path=path: client.get(path), args.requests, args.warmup)
        bare = timed(floor, args.requests, args.warmup)
        median, floor_median = statistics.median(full), statistics.median(bare)
        print(
            f"{name:<28} {median:8.2f} {p95(full):8.2f} {floor_median:8.2f} "
            f"{p95(bare):9.2f} {median / floor_median:6.2f}"
        )


if __name__ == "__main__":
    main()
