"""Time the funding tree of a 1,000-node results framework over 100,000 contributions against
the raw SQL aggregate that computes the same per-node totals.

Run on demand (never in tests). It builds its own scratch database, so it touches no other:

    .venv/bin/python benchmarks/resources_funding.py                  # SQLite, a temporary folder
    .venv/bin/python benchmarks/resources_funding.py --database-url postgres://postgres@127.0.0.1:5432/postgres

With ``--database-url`` the scratch database is created on that PostgreSQL server (the URL's
database is only used to connect) and dropped at the end. The data, generated in SQL into the
real tables: one published instrument whose framework holds a goal, 9 outcomes, 90 outputs and
900 activities; 20 resource partners, 6 modalities; ``--contributions`` contributions (every
status, USD, EUR and GBP, 90% published), each allocating a share to an activity and an amount
to an output; an expenditure for each one received or later; dated EUR and GBP rates.

Timed, as the public sees it (published contributions only), in USD at the rates of a day:
``GET /api/instruments/{id}/funding`` in-process through the whole Django stack
(``django.test.Client``, DEBUG off, every middleware) and ``funding.funding_tree`` directly,
against the floor: one SQL statement (cursor.execute, fetchall) summing allocated, received and
delivered per node with the nodes under it, in USD, and counting each node's partners. The
totals of both are compared before timing.
"""

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from scratch import p95, progress, setup_scratch_django, timed

ON = dt.date(2014, 1, 1)
RATES = {"EUR": ("1.2500000000", "1.3100000000"), "GBP": ("1.6000000000", "1.5700000000")}
STATUSES = ["pipeline", "approved", "signed", "received", "delivered", "closed"]
MODALITIES = ["gcp", "unjp", "mdtf", "fmm", "sfera", "utf"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contributions", type=int, default=100_000)
    parser.add_argument("--partners", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20, help="timed runs of each")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    parser.add_argument("--database-url", help="a PostgreSQL server for the scratch database")
    return parser.parse_args()


# Generating -------------------------------------------------------------------------------


def build(contributions: int, partners: int):
    """Create the framework and the small tables with the ORM, the large ones in SQL."""
    from django.db import connection, transaction

    from concord.indicators.periods import period_for
    from concord.registry.models import Body, Instrument, Party, ResultsNode
    from concord.resources.models import ExchangeRate, FundingModality, ResourcePartner

    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        body = Body.objects.create(code="bench", name="Benchmark organization", kind="organ")
        instrument = Instrument.objects.create(
            kind="strategy", title="Benchmark strategy", body=body, publication="published"
        )
        levels = [("goal", 1), ("outcome", 9), ("output", 90), ("activity", 900)]
        above: list[ResultsNode] = []
        seq = 0
        for level, count in levels:
            made = ResultsNode.objects.bulk_create(
                ResultsNode(
                    framework=instrument,
                    seq=seq + i,
                    level=level,
                    code=f"{level[:3]}-{i}",
                    title=f"{level} {i}",
                    parent=above[i * len(above) // count] if above else None,
                )
                for i in range(count)
            )
            above, seq = made, seq + count
        parties = Party.objects.bulk_create(
            Party(code=f"D{i:02}", name=f"Donor {i:02}", kind="state") for i in range(partners)
        )
        ResourcePartner.objects.bulk_create(
            ResourcePartner(party=party, organisation_type="10") for party in parties
        )
        FundingModality.objects.bulk_create(
            FundingModality(organization=body, code=code, name=code.upper(), earmarking="lightly")
            for code in MODALITIES
        )
        for currency, (first, second) in RATES.items():
            ExchangeRate.objects.create(
                currency=currency, rate=Decimal(first), on=dt.date(2012, 1, 1), source="Bench"
            )
            ExchangeRate.objects.create(
                currency=currency, rate=Decimal(second), on=dt.date(2013, 1, 1), source="Bench"
            )
        periods = [period_for("2012").pk, period_for("2013").pk]
    day = (
        "date '2012-01-01' + (n % 700)"
        if postgres
        else "date('2012-01-01', '+' || (n % 700) || ' days')"
    )
    status = (
        "CASE n % 6 " + " ".join(f"WHEN {i} THEN '{s}'" for i, s in enumerate(STATUSES)) + " END"
    )
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO resources_contribution (reference, title, partner_id, organization_id, "
            "modality_id, region, amount, currency, status, status_on, published, illustrative, "
            "source, note) "
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < %s) "
            "SELECT 'bench-' || n, 'Contribution ' || n, "
            "(SELECT min(id) FROM resources_resourcepartner) + n %% %s, %s, "
            "(SELECT min(id) FROM resources_fundingmodality) + n %% 6, '', "
            "1000 + (n * 7919 %% 1000000) + (n %% 100) / 100.0, "
            "CASE n %% 3 WHEN 0 THEN 'USD' WHEN 1 THEN 'EUR' ELSE 'GBP' END, "
            f"{status.replace('%', '%%')}, {day.replace('%', '%%')}, n %% 10 <> 0, false, '', '' "
            "FROM s",
            [contributions, partners, body.pk],
        )
        progress(f"  {contributions:,} contributions, {time.monotonic() - started:.0f} s")
        first = ResultsNode.objects.filter(framework=instrument).order_by("seq")
        first_output = first.get(seq=10).seq
        first_activity = first.get(seq=100).seq
        cursor.execute(
            "INSERT INTO resources_allocation (contribution_id, node_id, share, amount) "
            "SELECT c.id, n.id, 60, NULL FROM resources_contribution c "
            "JOIN registry_resultsnode n ON n.framework_id = %s AND n.seq = %s + c.id %% 900",
            [instrument.pk, first_activity],
        )
        cursor.execute(
            "INSERT INTO resources_allocation (contribution_id, node_id, share, amount) "
            "SELECT c.id, n.id, NULL, round(c.amount * 0.25, 2) FROM resources_contribution c "
            "JOIN registry_resultsnode n ON n.framework_id = %s AND n.seq = %s + c.id %% 90",
            [instrument.pk, first_output],
        )
        progress(f"  {2 * contributions:,} allocations, {time.monotonic() - started:.0f} s")
        cursor.execute(
            "INSERT INTO resources_expenditure (contribution_id, period_id, amount) "
            "SELECT c.id, CASE c.id %% 2 WHEN 0 THEN %s ELSE %s END, round(c.amount * 0.4, 2) "
            "FROM resources_contribution c "
            "WHERE c.status IN ('received', 'delivered', 'closed')",
            periods,
        )
        progress(f"  expenditures, {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return instrument


# The floor --------------------------------------------------------------------------------

FLOOR = """
WITH RECURSIVE up(node_id, ancestor_id) AS (
    SELECT id, id FROM registry_resultsnode WHERE framework_id = %(framework)s
    UNION ALL
    SELECT up.node_id, n.parent_id FROM up
    JOIN registry_resultsnode n ON n.id = up.ancestor_id
    WHERE n.parent_id IS NOT NULL
),
rates(currency, factor) AS (
    SELECT 'USD', 1 {rates}
),
spent AS (
    SELECT contribution_id, sum(amount) AS amount FROM resources_expenditure
    GROUP BY contribution_id
),
parts AS (
    SELECT a.node_id, c.partner_id, c.status,
        coalesce(a.amount, c.amount * a.share / 100) AS part,
        coalesce(s.amount, 0) * coalesce(a.amount, c.amount * a.share / 100) / c.amount AS spent,
        r.factor
    FROM resources_allocation a
    JOIN resources_contribution c ON c.id = a.contribution_id
    JOIN registry_resultsnode n ON n.id = a.node_id AND n.framework_id = %(framework)s
    JOIN rates r ON r.currency = c.currency
    LEFT JOIN spent s ON s.contribution_id = c.id
    WHERE c.published AND c.status IN ('approved', 'signed', 'received', 'delivered', 'closed')
),
own AS (
    SELECT node_id, partner_id, sum(part * factor) AS allocated,
        sum(CASE WHEN status IN ('received', 'delivered', 'closed') THEN part * factor END)
            AS received,
        sum(spent * factor) AS delivered
    FROM parts GROUP BY node_id, partner_id
)
SELECT up.ancestor_id, round(coalesce(sum(own.allocated), 0), 2),
    round(coalesce(sum(own.received), 0), 2), round(coalesce(sum(own.delivered), 0), 2),
    count(DISTINCT own.partner_id)
FROM up LEFT JOIN own ON own.node_id = up.node_id
GROUP BY up.ancestor_id
"""


def floor(framework_id: int) -> list[tuple]:
    """Per node, with the nodes under it: allocated, received, delivered in USD; partners."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.currency, e.rate FROM resources_exchangerate e WHERE e.base = 'USD' "
            'AND e."on" = (SELECT max(o."on") FROM resources_exchangerate o WHERE '
            "o.currency = e.currency AND o.base = 'USD' AND o.\"on\" <= %s)",
            [ON],
        )
        rates = "".join(f" UNION ALL SELECT '{c}', {r}" for c, r in cursor.fetchall())
        cursor.execute(FLOOR.format(rates=rates), {"framework": framework_id})
        return cursor.fetchall()


# The run ----------------------------------------------------------------------------------


def compare(tree, rows: list[tuple]) -> None:
    """Check that the tree and the floor give the same totals, to the cent per node."""
    by_node = {item.node.pk: item for item in tree.nodes()}
    assert len(rows) == len(by_node) == 1000, (len(rows), len(by_node))
    for node_id, allocated, received, delivered, partners in rows:
        item = by_node[node_id]
        # The tree rounds each node to the cent (half to even) before adding it into its
        # parent, the floor rounds once (and sums floats on SQLite): they may differ by a cent
        # per node under it.
        below = sum(1 for _ in item.walk())
        tolerance = Decimal("0.01") * below
        for mine, theirs in (
            (item.allocated, allocated),
            (item.received, received),
            (item.delivered, delivered),
        ):
            assert abs(mine - Decimal(str(theirs))) <= tolerance, (item.node.code, mine, theirs)
        assert len(item.partners) == partners, (item.node.code, item.partners, partners)


def main() -> None:
    args = parse_args()
    cleanup = setup_scratch_django(args.database_url, "concord_funding_bench")
    try:
        from django.contrib.auth.models import AnonymousUser
        from django.db import connection
        from django.test import Client

        from concord.resources.funding import funding_tree

        progress(f"Generating {args.contributions:,} contributions ...")
        instrument = build(args.contributions, args.partners)
        visitor = AnonymousUser()

        def tree():
            return funding_tree(instrument, user=visitor, currency="USD", on=ON)

        compare(tree(), floor(instrument.pk))
        client = Client()
        path = f"/api/instruments/{instrument.pk}/funding?on={ON.isoformat()}"
        response = client.get(path)
        assert response.status_code == 200, response.content[:500]
        nodes = instrument.results_nodes.count()
        print(f"Database: {connection.vendor} (scratch)")
        print(
            f"Framework: {nodes:,} nodes; {args.contributions:,} contributions, "
            f"{2 * args.contributions:,} allocations, 3 currencies"
        )
        print(f"{args.requests} runs each after {args.warmup} warm-up runs; times in ms.\n")
        header = f"{'':<26} {'median':>8} {'p95':>8} {'ratio':>6}"
        print(header)
        print("-" * len(header))
        bare = timed(lambda: floor(instrument.pk), args.requests, args.warmup)
        floor_median = statistics.median(bare)
        cases: list[tuple[str, Callable[[], object] | None]] = [
            ("GET .../funding", lambda: client.get(path)),
            ("funding_tree()", tree),
            ("raw SQL (floor)", None),
        ]
        for name, action in cases:
            times = bare if action is None else timed(action, args.requests, args.warmup)
            median = statistics.median(times)
            print(f"{name:<26} {median:8.1f} {p95(times):8.1f} {median / floor_median:6.2f}")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
