"""Time the progress matrix for 200 parties x 1,000 provisions against the raw SQL beneath it.

Run on demand (never in tests). It builds its own scratch database, so it touches no other:

    .venv/bin/python benchmarks/progress.py                      # SQLite, in a temporary folder
    .venv/bin/python benchmarks/progress.py --runs 20
    .venv/bin/python benchmarks/progress.py --database-url postgres://postgres@127.0.0.1:5432/postgres

With ``--database-url`` the scratch database is created on that PostgreSQL server (the URL's
database is only used to connect) and dropped at the end. The data: one published instrument
with ``--provisions`` provisions, a cycle with all of them in scope and ``--parties`` parties
reporting, one published submission per party with a status for every provision. The matrix
selector (``concord.reporting.progress.progress_matrix``, as the public sees it) is timed against
its floor: the parties, provisions and statuses read with cursor.execute and fetchall. The ratio
of the medians says what the ORM, the visibility rule and building the cells add.
"""

import argparse
import random
import statistics

from scratch import progress, setup_scratch_django, timed

STATUSES = ["not_started", "partially", "largely", "fully"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each (default 10)")
    parser.add_argument("--parties", type=int, default=200)
    parser.add_argument("--provisions", type=int, default=1000)
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to create the scratch database on"
    )
    return parser.parse_args()


def build(parties: int, provisions: int):
    """Create the instrument, its cycle and every party's published statuses; return the cycle."""
    from django.db import transaction

    from concord.registry.models import Body, Instrument, Party, Provision
    from concord.reporting.models import Answer, Question, ReportingCycle, Submission

    rng = random.Random(7)
    with transaction.atomic():
        body = Body.objects.create(code="bench", name="Benchmark body", kind="organ")
        instrument = Instrument.objects.create(
            kind="resolution", title="Benchmark plan", body=body, publication="published"
        )
        Provision.objects.bulk_create(
            Provision(instrument=instrument, seq=i, ref=f"{i + 1}", kind="operative")
            for i in range(provisions)
        )
        Party.objects.bulk_create(
            Party(code=f"P{i:03}", name=f"Party {i:03}", kind="state") for i in range(parties)
        )
        cycle = ReportingCycle.objects.create(
            instrument=instrument,
            name="Stocktaking",
            phase="stocktaking",
            period_start="2025-01-01",
            period_end="2025-12-31",
            opens_on="2026-01-15",
            deadline="2026-03-31",
        )
        provision_list = list(instrument.provisions.order_by("seq"))
        party_list = list(Party.objects.filter(code__startswith="P"))
        cycle.parties.set(party_list)
        cycle.provisions.set(provision_list)
        Question.objects.bulk_create(
            Question(
                cycle=cycle,
                order=i,
                provision=provision,
                answer_type="status",
                scale="implementation",
            )
            for i, provision in enumerate(provision_list, start=1)
        )
        Submission.objects.bulk_create(
            Submission(cycle=cycle, party=party, status="published", version=1)
            for party in party_list
        )
    questions = list(cycle.questions.values_list("pk", flat=True))
    submissions = list(cycle.submissions.values_list("pk", flat=True))
    for done, submission in enumerate(submissions, start=1):
        Answer.objects.bulk_create(
            Answer(submission_id=submission, question_id=question, value=rng.choice(STATUSES))
            for question in questions
        )
        if done % 20 == 0 or done == len(submissions):
            progress(f"  statuses of {done}/{len(submissions)} parties stored")
    return cycle


def floor(cycle_id: int) -> list:
    """The rows, columns and statuses the matrix shows, by raw SQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, p.code, p.name FROM registry_party p "
            "JOIN reporting_reportingcycle_parties cp ON cp.party_id = p.id "
            "WHERE cp.reportingcycle_id = %s ORDER BY p.name, p.code",
            [cycle_id],
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT v.id, v.ref FROM registry_provision v "
            "JOIN reporting_reportingcycle_provisions cv ON cv.provision_id = v.id "
            "WHERE cv.reportingcycle_id = %s ORDER BY v.seq",
            [cycle_id],
        )
        columns = cursor.fetchall()
        cursor.execute(
            "SELECT s.party_id, q.provision_id, a.value FROM reporting_answer a "
            "JOIN reporting_submission s ON s.id = a.submission_id "
            "JOIN reporting_question q ON q.id = a.question_id "
            "WHERE s.cycle_id = %s AND s.status = 'published' "
            "AND q.answer_type = 'status' AND q.provision_id IS NOT NULL",
            [cycle_id],
        )
        return [rows, columns, cursor.fetchall()]


def main() -> None:
    args = parse_args()
    cleanup = setup_scratch_django(args.database_url, "concord_progress_bench")
    try:
        from django.contrib.auth.models import AnonymousUser
        from django.db import connection

        from concord.reporting import progress as selectors

        progress(f"Building {args.parties} parties x {args.provisions} provisions ...")
        cycle = build(args.parties, args.provisions)
        visitor = AnonymousUser()

        def matrix():
            return selectors.progress_matrix(user=visitor, instrument=cycle.instrument, cycle=cycle)

        built = matrix()
        cells = sum(1 for row in built.rows for cell in row.cells if cell)
        assert cells == len(floor(cycle.pk)[2]) == args.parties * args.provisions
        progress(f"Timing {args.runs} runs of each ...")
        full, bare = timed(matrix, args.runs, 1), timed(lambda: floor(cycle.pk), args.runs, 1)
        median, floor_median = statistics.median(full), statistics.median(bare)
        print(f"Database: {connection.vendor} (scratch)")
        print(f"Matrix: {args.parties} parties x {args.provisions} provisions, {cells:,} cells")
        print(f"{args.runs} runs each after one warm-up; times in ms.\n")
        header = f"{'':<14} {'median':>9} {'min':>9} {'max':>9}"
        print(header)
        print("-" * len(header))
        for name, times in (("matrix", full), ("raw SQL", bare)):
            print(f"{name:<14} {statistics.median(times):9.1f} {min(times):9.1f} {max(times):9.1f}")
        print(f"\nratio (median matrix / median raw SQL): {median / floor_median:.2f}")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
