"""Time the indicators' values and benchmark endpoints over 10,000,000 figures against raw SQL.

Run on demand (never in tests), against a PostgreSQL database of its own:

    createdb -h 127.0.0.1 -U postgres concord_bench_api
    URL=postgres://postgres@127.0.0.1:5432/concord_bench_api
    .venv/bin/python benchmarks/indicators_api.py --database-url $URL --generate  # then measures
    .venv/bin/python benchmarks/indicators_api.py --database-url $URL             # measures again

``--generate`` migrates the database and adds, in SQL (``INSERT ... SELECT`` from
``generate_series``), synthetic parties (``syn-pNNNN``), a group of 25 of them (``syn-group``),
indicators (``syn-ind-NN``, each with a target) with ``--values`` approved figures between them
(every indicator for every party in every month, about 1% of them waiting for approval),
straight into the real tables; it refuses a database that already holds them and never touches
other rows. Each endpoint is asked ``--requests`` times in-process with django.test.Client and
DEBUG off, as the public (middleware, routing, ninja, serialization, no network). Its floor is
the raw SQL that computes the same figures (cursor.execute on a warm connection), encoded with
json.dumps (csv.writer for the CSV download). The table gives median and p95 of both and the
ratio of the medians.
"""

import argparse
import csv
import io
import json
import os
import statistics
import time
from collections.abc import Callable

from scratch import p95, production_like_environment, progress, timed

PREFIX = "syn-"
GROUP = f"{PREFIX}group"
GROUP_SIZE = 25
COUNT_CAP = 10_000
PAGE = 50


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL database (default: DATABASE_URL)")
    parser.add_argument("--generate", action="store_true", help="add the synthetic figures first")
    parser.add_argument("--values", type=int, default=10_000_000, help="figures to generate")
    parser.add_argument("--parties", type=int, default=250)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first")
    return parser.parse_args()


def setup_django(args: argparse.Namespace) -> None:
    # Production-like settings: DEBUG off (no query log), but plain HTTP from the test client.
    production_like_environment()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("This benchmark needs PostgreSQL: give --database-url postgres://...")


def fetch(sql: str, params: list | tuple = ()) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Generating --------------------------------------------------------------------------------


def generate(values: int, parties: int, indicators: int) -> None:
    """Add the synthetic registry and figures, in SQL, into the real tables."""
    from django.core.management import call_command
    from django.db import connection, transaction

    progress("Migrating ...")
    call_command("migrate", verbosity=0)
    if fetch("SELECT 1 FROM indicators_indicator WHERE code LIKE %s", [PREFIX + "%"]):
        raise SystemExit("This database already holds the synthetic indicators (syn-...).")
    months = -(-values // (parties * indicators))
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO registry_party (code, name, official_name, kind, translations) "
            "SELECT %s || 'p' || lpad(n::text, 4, '0'), 'Synthetic party ' || lpad(n::text, 4, "
            "'0'), '', 'state', '{}' FROM generate_series(1, %s) n",
            [PREFIX, parties],
        )
        cursor.execute(
            "INSERT INTO registry_group (slug, name, description, translations) "
            "VALUES (%s, 'Synthetic group', '', '{}')",
            [GROUP],
        )
        cursor.execute(
            "INSERT INTO registry_groupmembership (group_id, party_id, since_precision, "
            "until_precision) SELECT g.id, p.id, '', '' FROM registry_group g, registry_party p "
            "WHERE g.slug = %s AND p.code LIKE %s ORDER BY p.code LIMIT %s",
            [GROUP, PREFIX + "p%", GROUP_SIZE],
        )
        cursor.execute(
            "INSERT INTO indicators_indicator (code, name, definition, unit, direction, "
            "dimensions, source) SELECT %s || 'ind-' || lpad(n::text, 2, '0'), "
            "'Synthetic indicator ' || n, '', 'count', "
            "CASE WHEN n %% 2 = 0 THEN 'higher' ELSE 'lower' END, '[]', '' "
            "FROM generate_series(1, %s) n",
            [PREFIX, indicators],
        )
        cursor.execute(
            "INSERT INTO indicators_target (indicator_id, comparator, value, trend, statistic, "
            "source, note) SELECT id, CASE WHEN direction = 'higher' THEN '>=' ELSE '<=' END, "
            "500, '', '', '', '' FROM indicators_indicator WHERE code LIKE %s",
            [PREFIX + "%"],
        )
        # Months ending with December 2025; a month already recorded is reused.
        cursor.execute(
            "INSERT INTO indicators_period (code, kind, starts_on, ends_on) "
            "SELECT to_char(d, 'YYYY-MM'), 'month', d, (d + interval '1 month - 1 day')::date "
            "FROM generate_series(date '2025-12-01' - (%s - 1) * interval '1 month', "
            "date '2025-12-01', interval '1 month') d ON CONFLICT (code) DO NOTHING",
            [months],
        )
    indicator_ids = [
        row[0]
        for row in fetch(
            "SELECT id FROM indicators_indicator WHERE code LIKE %s ORDER BY code", [PREFIX + "%"]
        )
    ]
    first_month = fetch(
        "SELECT to_char(date '2025-12-01' - (%s - 1) * interval '1 month', 'YYYY-MM')", [months]
    )[0][0]
    written = 0
    for n, indicator_id in enumerate(indicator_ids, start=1):
        share = min(values - written, parties * months)
        if share <= 0:
            break
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO indicators_value (indicator_id, party_id, subject, period_id, "
                "breakdown, breakdown_key, number, status, approval, comment, source, note, "
                "flag, updated_at) "
                "SELECT %s, p.id, 'party:' || p.code, m.id, '{}', '', "
                "round((random() * 1000)::numeric, 2), 'final', "
                "CASE WHEN random() < 0.01 THEN 'pending' ELSE 'approved' END, '', "
                "'Synthetic survey', '', '', now() "
                "FROM (SELECT id, starts_on FROM indicators_period WHERE kind = 'month' "
                "AND code >= %s AND code <= '2025-12') m "
                "CROSS JOIN (SELECT id, code FROM registry_party WHERE code LIKE %s) p "
                "ORDER BY m.starts_on, p.code LIMIT %s",
                [indicator_id, first_month, PREFIX + "p%", share],
            )
        written += share
        elapsed = time.monotonic() - started
        progress(f"  figures: {written:,} of {values:,} ({n} indicators), {elapsed:.0f} s")
    progress("VACUUM ANALYZE ...")
    connection.close()
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as raw:
        for table in ("indicators_value", "indicators_period", "registry_party"):
            raw.execute(f"VACUUM ANALYZE {table}")
    progress(f"Generated {written:,} figures in {time.monotonic() - started:.0f} s.")


# Floors: the same figures by raw SQL, encoded -----------------------------------------------

VALUE_COLUMNS = (
    "v.subject, pa.code, pa.name, g.slug, b.code, pe.code, v.breakdown, v.number, v.status, "
    "v.source, v.note, v.flag, v.updated_at"
)
VALUE_JOINS = (
    "JOIN indicators_period pe ON pe.id = v.period_id "
    "LEFT JOIN registry_party pa ON pa.id = v.party_id "
    "LEFT JOIN registry_group g ON g.id = v.group_id "
    "LEFT JOIN registry_body b ON b.id = v.body_id"
)
VALUE_WHERE = "v.indicator_id = %s AND v.approval = 'approved' AND v.breakdown_key = ''"
VALUE_ORDER = "pe.starts_on, pe.ends_on, v.subject, v.breakdown_key, v.id"
VALUE_KEYS = [
    "subject",
    "party",
    "party_name",
    "group",
    "body",
    "period",
    "breakdown",
    "value",
    "status",
    "source",
    "note",
    "flag",
    "updated_at",
]


def indicator_row(code: str) -> tuple:
    return fetch(
        "SELECT i.id, i.code, i.name, i.unit, i.direction FROM indicators_indicator i "
        "WHERE i.code = %s",
        [code],
    )[0]


def encode(data: object) -> str:
    return json.dumps(data, default=str)


def number_text(number) -> str | None:
    if number is None:
        return None
    return "0" if number == 0 else format(number.normalize(), "f")


def value_conditions(indicator_id: int, filters: dict[str, str]) -> tuple[str, list]:
    """The SQL condition of the values endpoint's filters, and its parameters.

    A group's members and a span's periods are read first and given as arrays, as the
    endpoint does: the planner then looks the figures up by index, where a join or a subquery
    misleads it into reading every figure of the indicator.
    """
    from concord.indicators.periods import parse

    conditions, params = [VALUE_WHERE], [indicator_id]
    if "party" in filters:
        conditions.append("pa.code = %s")
        params.append(filters["party"])
    if "group" in filters:
        members = fetch(
            "SELECT m.party_id FROM registry_groupmembership m JOIN registry_group g "
            "ON g.id = m.group_id WHERE g.slug = %s",
            [filters["group"]],
        )
        conditions.append("v.party_id = ANY(%s)")
        params.append([row[0] for row in members])
    if "period" in filters:
        conditions.append("pe.code = %s")
        params.append(filters["period"])
    if "from" in filters or "to" in filters:
        periods = fetch(
            "SELECT id FROM indicators_period WHERE starts_on >= %s AND ends_on <= %s",
            [
                parse(filters.get("from", "0001")).starts_on,
                parse(filters.get("to", "9999")).ends_on,
            ],
        )
        conditions.append("v.period_id = ANY(%s)")
        params.append([row[0] for row in periods])
    return " AND ".join(conditions), params


def count_joins(filters: dict[str, str]) -> str:
    """Only the joins the filters need: a count reads no party, group or body."""
    joins = []
    if "period" in filters:
        joins.append("JOIN indicators_period pe ON pe.id = v.period_id")
    if "party" in filters:
        joins.append("JOIN registry_party pa ON pa.id = v.party_id")
    return " ".join(joins)


def floor_values(code: str, filters: dict[str, str]) -> str:
    """The indicator, the capped count and the first page of its values, as the endpoint shows."""
    where, params = value_conditions(indicator_row(code)[0], filters)
    ((count,),) = fetch(
        f"SELECT count(*) FROM (SELECT 1 FROM indicators_value v {count_joins(filters)} "
        f"WHERE {where} "
        "LIMIT %s) AS capped",
        [*params, COUNT_CAP + 1],
    )
    rows = fetch(
        f"SELECT {VALUE_COLUMNS} FROM indicators_value v {VALUE_JOINS} WHERE {where} "
        f"ORDER BY {VALUE_ORDER} LIMIT %s",
        [*params, PAGE + 1],
    )
    items = [dict(zip(VALUE_KEYS, row, strict=True)) for row in rows[:PAGE]]
    for item in items:
        item["value"] = number_text(item["value"])
    return encode({"items": items, "count": min(count, COUNT_CAP), "next": len(rows) > PAGE})


def floor_values_csv(code: str, filters: dict[str, str]) -> str:
    """Every value the filters ask for, as the CSV download writes them."""
    from concord.indicators.api.values import CSV_HEADER

    where, params = value_conditions(indicator_row(code)[0], filters)
    rows = fetch(
        f"SELECT v.subject, pa.code, g.slug, b.code, pe.code, v.breakdown_key, v.number, "
        f"v.status, v.source, v.note, v.flag FROM indicators_value v {VALUE_JOINS} "
        f"WHERE {where} ORDER BY {VALUE_ORDER}",
        params,
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([code, *row[:6], number_text(row[6]), row[7], "", *row[8:], ""])
    return out.getvalue()


def floor_benchmark(code: str, period: str, group: str) -> str:
    """Each member's value, target, gap, whether met and rank, and the group's statistics."""
    indicator_id, code, _name, _unit, direction = indicator_row(code)
    order = "DESC" if direction == "higher" else "ASC"
    gap = "t.value - f.number" if direction == "higher" else "f.number - t.value"
    rank = f"rank() OVER (PARTITION BY f.number IS NULL ORDER BY f.number {order})"
    rows = fetch(
        "WITH members AS (SELECT p.id, p.code, p.name FROM registry_party p "
        "JOIN registry_groupmembership m ON m.party_id = p.id "
        "JOIN registry_group g ON g.id = m.group_id WHERE g.slug = %s), "
        "figures AS (SELECT m.id, m.code, m.name, v.number, v.flag FROM members m "
        "LEFT JOIN indicators_value v ON v.party_id = m.id AND v.indicator_id = %s "
        "AND v.period_id = (SELECT id FROM indicators_period WHERE code = %s) "
        "AND v.approval = 'approved' AND v.breakdown_key = '') "
        "SELECT f.code, f.name, f.number, t.value, t.comparator, "
        f"{gap}, round(({gap}) / NULLIF(t.value, 0) * 100, 4), "
        "CASE t.comparator WHEN '<=' THEN f.number <= t.value WHEN '<' THEN f.number < t.value "
        "WHEN '>=' THEN f.number >= t.value WHEN '>' THEN f.number > t.value "
        "ELSE f.number = t.value END, "
        f"CASE WHEN f.number IS NULL THEN NULL ELSE {rank} END, coalesce(f.flag, '') "
        "FROM figures f LEFT JOIN LATERAL (SELECT value, comparator FROM indicators_target "
        "WHERE indicator_id = %s AND (party_id = f.id OR party_id IS NULL) "
        "ORDER BY party_id NULLS LAST, id DESC LIMIT 1) t ON true ORDER BY f.name",
        [group, indicator_id, period, indicator_id],
    )
    numbers = [row[2] for row in rows if row[2] is not None]
    ((count, mean, median, best),) = fetch(
        "SELECT count(n), round(avg(n), 4), percentile_cont(0.5) WITHIN GROUP (ORDER BY n), "
        f"{'max' if direction == 'higher' else 'min'}(n) FROM unnest(%s::numeric[]) AS n",
        [numbers],
    )
    return encode(
        {
            "indicator": code,
            "period": period,
            "group": group,
            "rows": [
                {
                    "party": row[0],
                    "party_name": row[1],
                    "value": number_text(row[2]),
                    "target": number_text(row[3]),
                    "target_text": f"{row[4]} {number_text(row[3])}",
                    "gap": number_text(row[5]),
                    "gap_percent": number_text(row[6]),
                    "meets_target": row[7],
                    "rank": row[8],
                    "flag": row[9],
                }
                for row in rows
            ],
            "statistics": {
                "count": count,
                "members": len(rows),
                "mean": number_text(mean),
                "median": median,
                "best": number_text(best),
            },
        }
    )


# The run ----------------------------------------------------------------------------------


def read(client, path: str) -> int:
    """Ask for ``path`` and read the whole answer (a CSV download streams)."""
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def chosen_months(per_indicator: int) -> tuple[str, str]:
    """A month amid the figures, and the month eleven before it (or the first one)."""
    ((parties,),) = fetch("SELECT count(*) FROM registry_party WHERE code LIKE %s", [PREFIX + "%"])
    months = [
        row[0]
        for row in fetch(
            "SELECT code FROM indicators_period WHERE kind = 'month' AND code <= '2025-12' "
            "ORDER BY starts_on DESC LIMIT %s",
            [max(per_indicator // parties, 1)],
        )
    ][::-1]
    middle = len(months) // 2
    return months[middle], months[max(middle - 11, 0)]


def main() -> None:
    args = parse_args()
    setup_django(args)
    from django.db import connection
    from django.test import Client
    from django.utils.http import urlencode

    if args.generate:
        generate(args.values, args.parties, args.indicators)
    found = fetch(
        "SELECT i.code, count(v.id) FROM indicators_indicator i JOIN indicators_value v "
        "ON v.indicator_id = i.id WHERE i.code LIKE %s GROUP BY i.code ORDER BY i.code LIMIT 1",
        [PREFIX + "%"],
    )
    if not found:
        raise SystemExit("No synthetic figures here: run with --generate first.")
    code, per_indicator = found[0]
    ((total,),) = fetch("SELECT count(*) FROM indicators_value")
    party, month, start = f"{PREFIX}p0007", *chosen_months(per_indicator)
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"Figures: {total:,} in all; {code} has {per_indicator:,}")
    print(f"{args.requests} requests each after {args.warmup} warm-up requests; times in ms.\n")

    values = f"/api/indicators/{code}/values"
    cases: list[tuple[str, str, Callable[[], str]]] = []
    for name, filters in (
        ("values party=", {"party": party}),
        ("values group=", {"group": GROUP}),
        ("values period=", {"period": month}),
        ("values from=&to=", {"from": start, "to": month}),
        ("values (no filter)", {}),
    ):
        path = values + ("?" + urlencode(filters) if filters else "")
        cases.append((name, path, lambda filters=filters: floor_values(code, filters)))
    cases.append(
        (
            "values party= CSV",
            f"{values}?{urlencode({'party': party, 'format': 'csv'})}",
            lambda: floor_values_csv(code, {"party": party}),
        )
    )
    cases.append(
        (
            "benchmark period=&group=",
            f"/api/indicators/{code}/benchmark?{urlencode({'period': month, 'group': GROUP})}",
            lambda: floor_benchmark(code, month, GROUP),
        )
    )
    client = Client()
    header = f"{'endpoint':<26} {'median':>8} {'p95':>8} {'floor':>8} {'floor p95':>9} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for name, path, floor in cases:
        status = read(client, path)
        if status != 200:
            print(f"{name:<26} skipped: {path} answers {status}")
            continue
        full = timed(lambda path=path: read(client, path), args.requests, args.warmup)
        bare = timed(floor, args.requests, args.warmup)
        median, floor_median = statistics.median(full), statistics.median(bare)
        print(
            f"{name:<26} {median:8.2f} {p95(full):8.2f} {floor_median:8.2f} "
            f"{p95(bare):9.2f} {median / floor_median:6.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
