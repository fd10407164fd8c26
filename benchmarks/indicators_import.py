"""Time importing a million tidy figures against PostgreSQL's COPY of the same file.

Run on demand (never in tests). It builds its own scratch database, so it touches no other:

    .venv/bin/python benchmarks/indicators_import.py --rows 20000       # SQLite, temporary folder
    .venv/bin/python benchmarks/indicators_import.py \
        --database-url postgres://postgres@127.0.0.1:5432/postgres      # 1,000,000 rows

With ``--database-url`` a scratch database ``concord_bench_import_<hex>`` is created on that
PostgreSQL server (the URL's own database is only used to connect) and dropped at the end. The
file is tidy, ``indicator,party,period,value,unit,source,status``, one figure a row for
synthetic indicators (``syn-ind-NN``), parties (``syn-pNNNN``) and quarters. It is imported
twice with the real import path (``values_import``, what ``concord indicators import FILE``
runs, as a secretariat: the bulk path, with the history records): a first load (inserts), then
the same file with every number changed (updates). The floor is ``COPY ... FROM STDIN (FORMAT
csv)`` of the same bytes into a plain staging table of the same seven columns; on SQLite, which
has no COPY, ``csv.reader`` and ``executemany`` into such a table.
"""

import argparse
import csv
import io
import random
import statistics
import time
from decimal import Decimal

from scratch import progress, setup_scratch_django

PREFIX = "syn-"
HEADER = "indicator,party,period,value,unit,source,status\n"
STAGING = "bench_import_staging"
STATUSES = ("final", "provisional", "estimate")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="figures in the file")
    parser.add_argument("--parties", type=int, default=200)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--floor-runs", type=int, default=3, help="timed COPY runs (median)")
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to create the scratch database on"
    )
    return parser.parse_args()


# The data ---------------------------------------------------------------------------------


def build(rows: int, parties: int, indicators: int):
    """Create the synthetic parties, indicators, quarters and the importing secretariat."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from concord.accounts.models import Role, RoleKind
    from concord.indicators.models import Direction, Indicator, Unit
    from concord.indicators.periods import period_for
    from concord.registry.models import Party, PartyKind

    if Indicator.objects.filter(code__startswith=PREFIX).exists():
        raise SystemExit("This database already holds the synthetic indicators (syn-...).")
    with transaction.atomic():
        Party.objects.bulk_create(
            Party(code=f"{PREFIX}p{n:04}", name=f"Synthetic party {n:04}", kind=PartyKind.STATE)
            for n in range(parties)
        )
        Indicator.objects.bulk_create(
            Indicator(
                code=f"{PREFIX}ind-{n:02}",
                name=f"Synthetic indicator {n:02}",
                unit=Unit.COUNT,
                direction=(Direction.LOWER, Direction.HIGHER)[n % 2],
            )
            for n in range(indicators)
        )
        user = get_user_model().objects.create_user(f"{PREFIX}secretariat")
        Role.objects.create(user=user, kind=RoleKind.SECRETARIAT)
        for _n, code in zip(range(-(-rows // (parties * indicators))), quarters(), strict=False):
            period_for(code)
    codes = list(Indicator.objects.filter(code__startswith=PREFIX).values_list("code", flat=True))
    names = list(Party.objects.filter(code__startswith=PREFIX).values_list("code", flat=True))
    return user, codes, names


def quarters():
    year = 2000
    while True:
        for quarter in range(1, 5):
            yield f"{year}-Q{quarter}"
        year += 1


def tidy_file(rows: int, indicators: list[str], parties: list[str], seed: int) -> bytes:
    """Write ``rows`` figures, quarter by quarter, every indicator for every party."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(HEADER)
    written = 0
    for period in quarters():
        for code in indicators:
            for party in parties:
                number = rng.randrange(1, 10_000_000) / 100
                status = STATUSES[written % 3]
                out.write(f"{code},{party},{period},{number},count,Synthetic survey,{status}\n")
                written += 1
                if written == rows:
                    return out.getvalue().encode()
    raise AssertionError("unreachable")


# The floor ---------------------------------------------------------------------------------


def make_staging() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {STAGING} (indicator varchar(64), party varchar(80), "
            "period varchar(16), value numeric(24, 6), unit varchar(16), source varchar(255), "
            "status varchar(12))"
        )


def floor(data: bytes) -> float:
    """Load ``data`` into the empty staging table; return the seconds taken."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {STAGING}")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {STAGING} FROM STDIN WITH (FORMAT csv, HEADER true)"
            with cursor.cursor.copy(sql) as copy:
                copy.write(data)
        else:
            reader = csv.reader(io.StringIO(data.decode()))
            next(reader)
            cursor.executemany(f"INSERT INTO {STAGING} VALUES (%s, %s, %s, %s, %s, %s, %s)", reader)
    return time.perf_counter() - started


# The same rows into the real tables by set-based SQL: what the schema itself costs -------------

JOINS = (
    f"FROM {STAGING} s JOIN indicators_indicator i ON i.code = s.indicator "
    "JOIN registry_party p ON p.code = s.party JOIN indicators_period pe ON pe.code = s.period"
)
HISTORY = (
    "INSERT INTO indicators_historicalvalue (id, indicator_id, party_id, group_id, body_id, "
    "subject, period_id, breakdown, breakdown_key, number, status, approval, comment, source, "
    "note, flag, entered_by_id, updated_at, history_date, history_type, history_user_id, "
    "history_source, history_change_reason) SELECT v.id, v.indicator_id, v.party_id, "
    "v.group_id, v.body_id, v.subject, v.period_id, v.breakdown, v.breakdown_key, v.number, "
    "v.status, v.approval, v.comment, v.source, v.note, v.flag, v.entered_by_id, v.updated_at, "
    "now(), %s, %s, 'import', NULL FROM indicators_value v "
    "JOIN indicators_indicator i ON i.id = v.indicator_id WHERE i.code LIKE %s"
)


def set_based(data: bytes, user_id: int, update: bool) -> float:
    """COPY ``data`` to the staging table, then write it and its history into the real tables.

    No checks and no Python per row: the time the tables' indexes and foreign keys (checked at
    once) take. Rolled back, so the import that follows starts from the same database.
    """
    from django.db import connection, transaction

    started = time.perf_counter()
    floor(data)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        if update:
            cursor.execute(
                "UPDATE indicators_value v SET number = s.value, status = s.status, "
                "source = s.source, approval = 'approved', comment = '', entered_by_id = %s, "
                f"updated_at = now() {JOINS} "
                "WHERE v.indicator_id = i.id AND v.subject = 'party:' || p.code "
                "AND v.period_id = pe.id AND v.breakdown_key = ''",
                [user_id],
            )
        else:
            cursor.execute(
                "INSERT INTO indicators_value (indicator_id, party_id, subject, period_id, "
                "breakdown, breakdown_key, number, status, approval, comment, source, note, "
                "flag, entered_by_id, updated_at) SELECT i.id, p.id, 'party:' || p.code, pe.id, "
                f"'{{}}', '', s.value, s.status, 'approved', '', s.source, '', '', %s, now() "
                f"{JOINS}",
                [user_id],
            )
        cursor.execute(HISTORY, ["~" if update else "+", user_id, PREFIX + "%"])
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


# The import --------------------------------------------------------------------------------


def timed_import(user, data: bytes, label: str):
    """Import ``data`` as ``user``; return the report, seconds in all and seconds checking."""
    from concord.indicators.importing import values_import

    started = time.perf_counter()
    checked = [0.0]

    def tell(stage: str, done: int, total: int | None) -> None:
        if stage == "checked":
            checked[0] = time.perf_counter() - started
        elif done == total or done % 100_000 == 0:
            progress(f"  {label}: {done:,} of {total:,} written")

    report = values_import(user=user, data=data, progress=tell)
    elapsed = time.perf_counter() - started
    if report.errors:
        raise SystemExit(f"{label}: {len(report.errors)} errors, first: {report.errors[0]}")
    return report, elapsed, checked[0]


def check_stored(rows: int, changed: bytes) -> None:
    """Every figure is stored once, with its two history records; the last one holds the file's."""
    from concord.indicators.models import Value

    assert Value.objects.count() == rows, Value.objects.count()
    history = Value.history.values_list("history_type", flat=True)
    assert history.filter(history_type="+").count() == rows
    assert history.filter(history_type="~").count() == rows
    last = changed.decode().rstrip("\n").rsplit("\n", 1)[1].split(",")
    value = Value.objects.get(
        indicator__code=last[0], subject=f"party:{last[1]}", period__code=last[2]
    )
    numbers = [h.number for h in value.history.order_by("history_id")]
    assert value.number == Decimal(last[3]) == numbers[-1] != numbers[0], numbers


def main() -> None:
    args = parse_args()
    cleanup = setup_scratch_django(args.database_url, "concord_bench_import")
    try:
        from django.db import connection

        postgres = connection.vendor == "postgresql"
        user, indicators, parties = build(args.rows, args.parties, args.indicators)
        progress(f"Writing two files of {args.rows:,} rows ...")
        first = tidy_file(args.rows, indicators, parties, seed=1)
        changed = tidy_file(args.rows, indicators, parties, seed=2)
        make_staging()
        progress(f"Timing {args.floor_runs} runs of the floor ...")
        floor(first)  # warm-up
        bare = statistics.median(floor(first) for _ in range(args.floor_runs))
        lines = []
        if postgres:
            progress("Timing the set-based SQL into the real tables (inserts) ...")
            lines.append(("set-based SQL, inserts", set_based(first, user.pk, False), None))
        progress("Importing the file (inserts) ...")
        created, seconds, checking = timed_import(user, first, "first load")
        assert created.created == args.rows and created.bulk
        lines.append(("import, first load", seconds, checking))
        if postgres:
            progress("Timing the set-based SQL into the real tables (updates) ...")
            lines.append(("set-based SQL, updates", set_based(changed, user.pk, True), None))
        progress("Importing it again with every number changed (updates) ...")
        updated, seconds, checking = timed_import(user, changed, "re-load")
        assert updated.updated == args.rows, updated
        lines.append(("import, re-load", seconds, checking))
        check_stored(args.rows, changed)

        floor_name = "COPY" if postgres else "csv + executemany"
        quarters_given = -(-args.rows // (len(indicators) * len(parties)))
        print(f"Database: {connection.vendor} (scratch)")
        print(
            f"File: {args.rows:,} tidy rows, {len(first) / 1e6:.1f} MB; {len(indicators)} "
            f"indicators x {len(parties)} parties x {quarters_given} quarters"
        )
        print(f"Floor: {floor_name} into a staging table, median of {args.floor_runs} runs.\n")
        header = f"{'':<24} {'seconds':>9} {'checking':>9} {'rows/s':>10} {'ratio':>7}"
        print(header)
        print("-" * len(header))
        print(
            f"{'floor: ' + floor_name:<24} {bare:9.2f} {'':>9} {args.rows / bare:10,.0f} {1:7.1f}"
        )
        for name, seconds, checking in lines:
            checked = f"{checking:9.2f}" if checking is not None else " " * 9
            print(
                f"{name:<24} {seconds:9.2f} {checked} {args.rows / seconds:10,.0f} "
                f"{seconds / bare:7.1f}"
            )
        print(
            "\nratio: seconds / the floor's. checking: seconds reading and checking the rows "
            "before the first write."
        )
        if postgres:
            print(
                "set-based SQL: COPY to the staging table, then INSERT (or UPDATE) ... SELECT "
                "into the figures' table and their history, constraints checked at once, rolled "
                "back."
            )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
