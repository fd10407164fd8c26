"""A synthetic registry at the scale of the UN system, to measure Concord against.

Its rows are marked so they can never be mistaken for real data: party and body codes start with
``syn-`` and instrument symbols with ``SYN/``. It refuses to run on a database that already
holds them (run it on a fresh database: ``CONCORD_DATA_DIR=/tmp/concord-scale``), and it never
touches any other row. Texts are English sentences assembled from a vocabulary: some words are
in most provisions ("States"), some in a few percent ("freezing"), and programme names in a few
dozen, so searches can be measured for common and for selective terms.
"""

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from concord.demo.vocabulary import STATE_FORMS, Vocabulary
from concord.registry.models import (
    Body,
    BodyKind,
    Instrument,
    InstrumentKind,
    LegalStatus,
    Participation,
    ParticipationRole,
    Party,
    PartyAlias,
    PartyKind,
    Provision,
    ProvisionKind,
    Publication,
)

PARTY_PREFIX = "syn-"
SYMBOL_PREFIX = "SYN/"
BATCH = 10_000
SEED = 20_040_531

INSTRUMENT_KINDS = (
    (InstrumentKind.RESOLUTION, "Resolution", 40),
    (InstrumentKind.DECISION, "Decision", 25),
    (InstrumentKind.ACTION_PLAN, "Action plan", 10),
    (InstrumentKind.WORK_PLAN, "Work plan", 8),
    (InstrumentKind.STRATEGY, "Strategy", 7),
    (InstrumentKind.REPORT, "Report", 5),
    (InstrumentKind.CONVENTION, "Convention", 3),
    (InstrumentKind.ADDENDUM, "Addendum", 2),
)
ROLES = (
    (ParticipationRole.RATIFIED, 35),
    (ParticipationRole.SIGNED, 20),
    (ParticipationRole.ENDORSED, 20),
    (ParticipationRole.ACCEDED, 10),
    (ParticipationRole.PARTICIPATING, 10),
    (ParticipationRole.OBSERVER, 4),
    (ParticipationRole.WITHDREW, 1),
)


class AlreadyGenerated(RuntimeError):
    """The database already holds a synthetic registry."""


def generate(
    *, parties: int, instruments: int, provisions: int, participations: int, stdout: TextIO
) -> None:
    """Add a synthetic registry of the given sizes, in batches, reporting progress on ``stdout``."""
    if (
        Party.objects.filter(code__startswith=PARTY_PREFIX).exists()
        or Instrument.objects.filter(symbol__startswith=SYMBOL_PREFIX).exists()
    ):
        raise AlreadyGenerated(
            "This database already holds a synthetic registry (parties coded syn-..., symbols "
            "SYN/...). Generate into a fresh database instead, e.g. with "
            "CONCORD_DATA_DIR=/tmp/concord-scale or another DATABASE_URL."
        )
    if parties < 1 or instruments < 1:
        raise ValueError("A synthetic registry needs at least one party and one instrument.")
    started = time.monotonic()
    words = Vocabulary(random.Random(SEED))
    body_ids = _bodies(words, stdout)
    party_ids = _parties(words, parties, stdout)
    adopted = _instruments(words, instruments, body_ids, stdout)
    _provisions(words, adopted, provisions, stdout)
    _participations(words.random, party_ids, adopted, participations, stdout)
    _reset_sequences()
    stdout.write(f"Synthetic registry generated in {time.monotonic() - started:.0f} s.\n")


def _progress(stdout: TextIO, label: str, total: int) -> Callable[[int], None]:
    started = time.monotonic()

    def report(done: int) -> None:
        elapsed = max(time.monotonic() - started, 1e-6)
        percent = 100 * done / total if total else 100
        rate = done / elapsed
        stdout.write(f"{label}: {percent:5.1f}% ({done:,} of {total:,}), {rate:,.0f} rows/s\n")

    return report


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _save(model: type[models.Model], rows: list[models.Model]) -> None:
    with transaction.atomic():
        model.objects.bulk_create(rows, batch_size=2_000)


def _bodies(words: Vocabulary, stdout: TextIO) -> list[int]:
    next_id = _next_id(Body)
    bodies = [
        Body(
            id=next_id + n,
            code=f"{PARTY_PREFIX}body-{n + 1}",
            name=f"Assembly of the {words.name(2)} Convention",
            kind=BodyKind.ORGAN,
        )
        for n in range(10)
    ]
    _save(Body, bodies)
    stdout.write(f"bodies: {len(bodies)}\n")
    return [body.pk for body in bodies]


def _parties(words: Vocabulary, count: int, stdout: TextIO) -> list[int]:
    rng = words.random
    next_id, alias_id = _next_id(Party), _next_id(PartyAlias)
    parties, aliases = [], []
    for n in range(count):
        name = words.name(rng.choice((2, 3)))
        kind = PartyKind.STATE if rng.random() < 0.85 else PartyKind.ORGANIZATION
        official = rng.choice(STATE_FORMS).format(name) if kind == PartyKind.STATE else ""
        party = Party(
            id=next_id + n,
            code=f"{PARTY_PREFIX}{n + 1:04d}",
            kind=kind,
            name=name if kind == PartyKind.STATE else f"{name} Organization",
            official_name=official,
        )
        parties.append(party)
        if kind == PartyKind.STATE and official != name:
            alias = f"{name} ({official.split(' of ')[0]} of)"
            aliases.append(
                PartyAlias(
                    id=alias_id + len(aliases),
                    party_id=party.pk,
                    name=alias,
                    normalized=alias.lower(),
                )
            )
    _save(Party, parties)
    _save(PartyAlias, aliases)
    stdout.write(f"parties: {len(parties):,} ({len(aliases):,} other names)\n")
    return [party.pk for party in parties]


def _weighted(rng: random.Random, choices: tuple) -> Any:
    return rng.choices([c[0] for c in choices], weights=[c[-1] for c in choices])[0]


def _instruments(
    words: Vocabulary, count: int, body_ids: list[int], stdout: TextIO
) -> list[tuple[int, dt.date]]:
    """Create the instruments; return each one's id and adoption date."""
    rng = words.random
    next_id = _next_id(Instrument)
    report = _progress(stdout, "instruments", count)
    rows: list[Instrument] = []
    created: list[tuple[int, dt.date]] = []
    base_of_previous: tuple[int, int] | None = None  # (id, number) of the last original
    for n in range(count):
        kind, label, _weight = rng.choices(INSTRUMENT_KINDS, [k[2] for k in INSTRUMENT_KINDS])[0]
        adopted = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(35 * 365))
        pk = next_id + n
        revision_of = None
        if base_of_previous and rng.random() < 0.05:
            revision_of, number = base_of_previous
            symbol = f"{SYMBOL_PREFIX}{number}/{rng.choice(('Rev.1', 'Corr.1'))}"
            base_of_previous = None
        else:
            number = n + 1
            symbol = f"{SYMBOL_PREFIX}{number}"
            base_of_previous = (pk, number)
        title = f"{label} on {words.subject().removeprefix('the ')} and {words.subject()}"
        rows.append(
            Instrument(
                id=pk,
                kind=kind,
                title=title[0].upper() + title[1:],
                short_title=f"{rng.choice(words.programmes)} {label}" if rng.random() < 0.2 else "",
                number=str(number),
                symbol=symbol,
                revision_of_id=revision_of,
                body_id=rng.choice(body_ids),
                adopted_earliest=adopted,
                adopted_latest=adopted,
                adopted_precision="day",
                legal_status=LegalStatus.ADOPTED if rng.random() < 0.9 else LegalStatus.DRAFT,
                # A few stay unpublished, so searches must leave them out.
                publication=Publication.PUBLISHED if rng.random() < 0.95 else Publication.IN_REVIEW,
            )
        )
        created.append((pk, adopted))
        if len(rows) == BATCH:
            _save(Instrument, rows)
            rows = []
            report(n + 1)
    if rows:
        _save(Instrument, rows)
        report(count)
    return created


def _sizes(rng: random.Random, instruments: int, provisions: int) -> list[int]:
    """Share the provisions out unevenly: most instruments are short, a few very long."""
    weights = [rng.paretovariate(1.2) for _ in range(instruments)]
    cap = max(provisions // 10, 1)
    total = sum(weights)
    sizes = [min(cap, int(provisions * w / total)) for w in weights]
    short = provisions - sum(sizes)
    order = sorted(range(instruments), key=lambda i: sizes[i])
    i = 0
    while short > 0:  # give what rounding and the cap left over to the shortest instruments
        sizes[order[i % instruments]] += 1
        short -= 1
        i += 1
    return sizes


def _roman(n: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
    numerals += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, numeral in numerals:
        while n >= value:
            text, n = text + numeral, n - value
    return text


def _letters(n: int) -> str:
    """Return 1 -> a, 26 -> z, 27 -> aa ..."""
    text = ""
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(97 + rest) + text
    return text


def _outline(words: Vocabulary, size: int) -> Iterator[dict[str, Any]]:
    """Yield an instrument's provisions in document order, ``parent`` as an index into them."""
    rng = words.random
    style = rng.choice(("sections", "resolution", "framework"))
    emitted = 0

    def node(parent: int | None, depth: int, ref: str, number: str, kind: str, **fields):
        nonlocal emitted
        emitted += 1
        row = {"parent": parent, "depth": depth, "ref": ref, "number": number, "kind": kind}
        return {**row, "verb": "", "heading": "", "text": "", **fields}

    def sub_points(parent: int, prefix: str) -> Iterator[dict[str, Any]]:
        for k in range(1, rng.randint(2, 4) + 1):
            if emitted >= size:
                return
            verb, text = words.operative()
            letter = _letters(k)
            text = text[len(verb) + 1 :]
            yield node(
                parent,
                2,
                f"{prefix}.{letter}",
                f"({letter})",
                ProvisionKind.POINT,
                text=text[0].upper() + text[1:],
            )

    if style == "resolution":
        preambular = max(1, size // 5)
        for k in range(1, preambular + 1):
            if emitted >= size:
                return
            verb, text = words.preambular()
            yield node(None, 0, f"pp.{k}", "", ProvisionKind.PREAMBULAR, verb=verb, text=text)
        k = 0
        while emitted < size:
            k += 1
            verb, text = words.operative()
            index = emitted
            yield node(None, 0, f"op.{k}", f"{k}.", ProvisionKind.OPERATIVE, verb=verb, text=text)
            if rng.random() < 0.2:
                yield from sub_points(index, f"op.{k}")
        return

    top_kind, child_kind = (
        (ProvisionKind.SECTION, ProvisionKind.RECOMMENDED_ACTION)
        if style == "sections"
        else (ProvisionKind.OUTCOME, ProvisionKind.OUTPUT)
    )
    top = 0
    while emitted < size:
        top += 1
        top_ref = _roman(top) if style == "sections" else _letters(top).upper()
        top_index = emitted
        yield node(None, 0, top_ref, f"{top_ref}.", top_kind, heading=words.heading())
        for k in range(1, rng.randint(4, 20) + 1):
            if emitted >= size:
                return
            verb, text = words.operative()
            index = emitted
            ref = f"{top_ref}.{k}"
            yield node(top_index, 1, ref, f"{k}.", child_kind, verb=verb, text=text)
            if rng.random() < 0.3:
                yield from sub_points(index, ref)


def _provisions(
    words: Vocabulary, instruments: list[tuple[int, dt.date]], total: int, stdout: TextIO
) -> None:
    report = _progress(stdout, "provisions", total)
    next_id = _next_id(Provision)
    rows: list[Provision] = []
    done = 0
    for (instrument_id, _adopted), size in zip(
        instruments, _sizes(words.random, len(instruments), total), strict=True
    ):
        first = next_id + done
        for seq, row in enumerate(_outline(words, size)):
            parent = row.pop("parent")
            rows.append(
                Provision(
                    id=first + seq,
                    instrument_id=instrument_id,
                    parent_id=None if parent is None else first + parent,
                    seq=seq + 1,
                    **row,
                )
            )
        done += size
        if len(rows) >= BATCH:
            _save(Provision, rows)
            rows = []
            report(done)
    if rows:
        _save(Provision, rows)
        report(done)


def _participations(
    rng: random.Random,
    party_ids: list[int],
    instruments: list[tuple[int, dt.date]],
    count: int,
    stdout: TextIO,
) -> None:
    count = min(count, len(party_ids) * len(instruments))
    report = _progress(stdout, "participations", count)
    seen: set[tuple[int, int]] = set()
    rows: list[Participation] = []
    while len(seen) < count:
        party_id = rng.choice(party_ids)
        instrument_id, adopted = rng.choice(instruments)
        if (party_id, instrument_id) in seen:
            continue
        seen.add((party_id, instrument_id))
        start = adopted + dt.timedelta(days=rng.randrange(5 * 365))
        precision = rng.choices(("day", "month", "year"), weights=(70, 20, 10))[0]
        if precision == "day":
            earliest = latest = start
        elif precision == "month":
            earliest = start.replace(day=1)
            latest = (earliest + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        else:
            earliest, latest = start.replace(month=1, day=1), start.replace(month=12, day=31)
        rows.append(
            Participation(
                party_id=party_id,
                instrument_id=instrument_id,
                role=_weighted(rng, ROLES),
                start_earliest=earliest,
                start_latest=latest,
                start_precision=precision,
            )
        )
        if len(rows) == BATCH:
            _save(Participation, rows)
            rows = []
            report(len(seen))
    if rows:
        _save(Participation, rows)
        report(len(seen))


def _reset_sequences() -> None:
    """Move PostgreSQL's id sequences past the ids given explicitly above."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [Body, Party, PartyAlias, Instrument, Provision, Participation]
    )
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
