"""Writes of the demo loader: each fact found by its natural key, restored to what the seed says.

A fact is identified by a natural key (a party's code, an alias's normalized name, an
instrument's symbol, a provision's reference within its instrument, a participation's party,
instrument and role, a meeting's body, first day and kind ...). The loader creates the record
at that key or brings the fields the seed states back to their seed values; it never deletes
anything and never touches records at other keys, nor fields the seed does not state (a
secretariat's publication choice once the record exists).

Translations are owned entry by entry: the loader owns exactly the (language, field) entries a
seed gives (FAO's name in the UN languages) and restores those; every other entry of a record's
``translations`` (a language or field an editor added) is left as it is.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import pycountry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from concord.demo.parties import PARTIES
from concord.demo.seeds import Passage, Quote, SeedError, SeedMismatch, SeedText
from concord.directory.models import Meeting
from concord.ingestion.exceptions import IngestionError
from concord.ingestion.pipeline import ingest
from concord.ingestion.services import Outcome, proposal_save
from concord.ingestion.structure import lines_of
from concord.ingestion.uploads import source_keep
from concord.registry.dates import DatePrecision, PartialDate
from concord.registry.models import (
    Body,
    Citation,
    Footnote,
    Group,
    GroupMembership,
    Instrument,
    InstrumentRelation,
    Participation,
    Party,
    PartyAlias,
    PartyKind,
    Provision,
    Publication,
    Statement,
)
from concord.registry.models.fields import Translatable
from concord.registry.names import normalize_name

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class Tally:
    """What a load did to each record it touched: created, updated or left unchanged.

    A record touched twice (a party named in several places) counts once, by its strongest
    outcome, so the summary counts records, not writes.
    """

    RANK = {UNCHANGED: 0, UPDATED: 1, CREATED: 2}

    def __init__(self) -> None:
        self.records: dict[tuple[type[models.Model], int], str] = {}

    def add(self, record: models.Model, outcome: str) -> None:
        key = (type(record), record.pk)
        if self.RANK[outcome] >= self.RANK[self.records.get(key, UNCHANGED)]:
            self.records[key] = outcome

    def merge(self, other: "Tally") -> None:
        for (model, pk), outcome in other.records.items():
            self.add(model(pk=pk), outcome)

    @property
    def counts(self) -> dict[type[models.Model], Counter]:
        counts: dict[type[models.Model], Counter] = defaultdict(Counter)
        for (model, _pk), outcome in self.records.items():
            counts[model][outcome] += 1
        return counts

    def total(self, outcome: str) -> int:
        return sum(1 for value in self.records.values() if value == outcome)

    def rows(self) -> list[tuple[str, int, int, int]]:
        return [
            (str(model._meta.verbose_name_plural), c[CREATED], c[UPDATED], c[UNCHANGED])
            for model, c in sorted(self.counts.items(), key=lambda item: item[0].__name__)
        ]


def date_columns(prefix: str, edtf: str | None) -> dict:
    value = PartialDate.parse(edtf) if edtf else None
    return {
        f"{prefix}_earliest": value.earliest if value else None,
        f"{prefix}_latest": value.latest if value else None,
        f"{prefix}_precision": value.precision if value else "",
    }


class DemoWriter:
    """Writes the facts of one seed, citing each, and counts what it did."""

    def __init__(self, seed: SeedText, tally: Tally) -> None:
        self.seed = seed
        self.tally = tally
        self.warnings: list[str] = []
        self.last = UNCHANGED  # the outcome of the latest upsert
        self.fresh: list[Instrument] = []  # instruments ingested anew by this load

    # -- the generic step ------------------------------------------------------------------

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict,
        values: dict,
        *,
        create_only: dict | None = None,
        existing: models.Model | None = None,
    ):
        obj = existing
        if obj is None and lookup:
            obj = model.objects.filter(**lookup).order_by("pk").first()
        if obj is None:
            obj = model(**lookup, **values, **(create_only or {}))
            obj.save()
            self.last = CREATED
            self.tally.add(obj, CREATED)
            return obj
        changed = []
        for name, value in {**lookup, **values}.items():
            field = model._meta.get_field(name)
            if field.many_to_one:
                current, wanted = getattr(obj, field.attname), value.pk if value else None
            else:
                current, wanted = getattr(obj, name), value
            if current != wanted:
                setattr(obj, name, value)
                changed.append(field.name)
        self.last = UPDATED if changed else UNCHANGED
        if changed:
            obj.save(update_fields=changed)
        self.tally.add(obj, self.last)
        return obj

    def cite(self, record: models.Model, *sources: Quote | Passage) -> None:
        content_type = ContentType.objects.get_for_model(record)
        for source in sources:
            if isinstance(source, Quote):
                self.seed.check(source)
                start, end = source.start, source.last
            else:
                start, end = source.start, source.end
            self.upsert(
                Citation,
                {
                    "content_type": content_type,
                    "object_id": record.pk,
                    "document": self.seed.name,
                    "locator": source.locator[:255],
                },
                {"line_start": start, "line_end": end},
            )

    def translation(
        self, record: Translatable, field: str, language: str, text: str, quote: Quote
    ) -> None:
        """Restore one translation the seed gives and cite it; leave the record's others alone.

        ``quote`` is the value as the seed writes it, which ``text`` may mend (the spaces an
        extraction put into a Chinese name). A changed entry counts the record as updated.
        """
        current = (record.translations.get(language) or {}).get(field)
        if current != text:
            record.set_translation(language, field, text)
            record.save(update_fields=["translations"])
        self.tally.add(record, UNCHANGED if current == text else UPDATED)
        self.cite(record, quote)

    # -- parties, groups, bodies -------------------------------------------------------------

    def party(self, code: str, *names: Quote) -> Party:
        """Create or restore a party, its aliases as the seed writes them, and cite them."""
        kind, name = PARTIES[code]
        official = ""
        if kind in (PartyKind.STATE, PartyKind.TERRITORY):
            country = pycountry.countries.get(alpha_3=code)
            if country is None:
                raise ValueError(f"{code} is not an ISO 3166-1 alpha-3 code.")
            official = getattr(country, "official_name", "") or ""
        party = self.upsert(
            Party, {"code": code}, {"kind": kind, "name": name, "official_name": official}
        )
        for quote in names:
            alias = self.upsert(
                PartyAlias,
                {"normalized": normalize_name(quote.text)},
                {"party": party, "name": quote.text},
            )
            self.cite(alias, quote)
        if names:
            self.cite(party, names[0])
        return party

    def group(self, slug: str, name: str, description: str, *sources: Quote) -> Group:
        group = self.upsert(Group, {"slug": slug}, {"name": name, "description": description})
        self.cite(group, *sources)
        return group

    def member(
        self,
        group: Group,
        party: Party,
        *sources: Quote,
        since: str | None = None,
        until: str | None = None,
    ) -> GroupMembership:
        existing = GroupMembership.objects.filter(group=group, party=party).order_by("pk").first()
        membership = self.upsert(
            GroupMembership,
            {"group": group, "party": party},
            {**date_columns("since", since), **date_columns("until", until)},
            existing=existing,
        )
        self.cite(membership, *sources)
        return membership

    def body(
        self,
        code: str,
        name: str,
        kind: str,
        *sources: Quote,
        acronym: str = "",
        parent: Body | None = None,
        party: Party | None = None,
    ) -> Body:
        body = self.upsert(
            Body,
            {"code": code},
            {"name": name, "kind": kind, "acronym": acronym, "parent": parent, "party": party},
        )
        self.cite(body, *sources)
        return body

    # -- instruments and what hangs off them --------------------------------------------------

    def instrument(
        self,
        *sources: Quote,
        kind: str,
        title: str,
        legal_status: str,
        symbol: str = "",
        short_title: str = "",
        number: str = "",
        body: Body | None = None,
        adopted: str | None = None,
        revision_of: Instrument | None = None,
        ingested: Instrument | None = None,
    ) -> Instrument:
        """Create or restore an instrument, published as it is (a draft is published as a draft).

        ``ingested`` is the instrument ingestion made of the seed, which the facts complete
        (its title as a reader writes it, its adopting body, its legal status). Otherwise it
        is found by its symbol; one without a symbol by the citation of its first source, so an
        edited title is restored rather than duplicated, else by its title.
        """
        existing = ingested
        if existing is None and symbol:
            existing = Instrument.objects.with_symbol(symbol)
        elif existing is None:
            anchor = Citation.objects.filter(
                content_type=ContentType.objects.get_for_model(Instrument),
                document=self.seed.name,
                locator=sources[0].locator,
            ).first()
            if anchor:
                existing = Instrument.objects.filter(pk=anchor.object_id).first()
            existing = existing or Instrument.objects.filter(symbol="", title=title).first()
        instrument = self.upsert(
            Instrument,
            {},
            {
                "kind": kind,
                "title": title,
                "short_title": short_title,
                "number": number,
                "symbol": symbol,
                "revision_of": revision_of,
                "body": body,
                **date_columns("adopted", adopted),
                "legal_status": legal_status,
                "source_document": self.seed.name,
            },
            create_only={"publication": Publication.PUBLISHED},
            existing=existing,
        )
        self.cite(instrument, *sources)
        return instrument

    def relation(
        self, source: Instrument, kind: str, target: Instrument, *sources: Quote, note: str = ""
    ) -> InstrumentRelation:
        relation = self.upsert(
            InstrumentRelation,
            {"source": source, "target": target, "kind": kind},
            {"note": note},
        )
        self.cite(relation, *sources)
        return relation

    def participation(
        self,
        party: Party,
        instrument: Instrument,
        role: str,
        *sources: Quote,
        start: str | None = None,
        end: str | None = None,
        note: str = "",
    ) -> Participation:
        participation = self.upsert(
            Participation,
            {"party": party, "instrument": instrument, "role": role},
            {**date_columns("start", start), **date_columns("end", end), "note": note},
        )
        self.cite(participation, *sources)
        return participation

    def statement(
        self,
        party: Party,
        instrument: Instrument,
        label: str,
        text: Passage,
        *sources: Quote,
        kind: str,
        self_described_kind: str = "",
        made: str | None = None,
        provisions: Sequence[Provision] = (),
    ) -> Statement:
        """Create or restore a statement, its text read from the seed's paragraphs.

        The statement ingestion attached to ``instrument`` for ``party`` is the one completed.
        ``provisions`` are those a reader links it to beyond what ingestion found.
        """
        paragraphs = _paragraphs(self.seed.span(text.start, text.end))
        lookup = {"instrument": instrument, "party": party}
        existing = (
            Statement.objects.filter(**lookup, label=label).first()
            or Statement.objects.filter(**lookup).order_by("pk").first()
        )
        statement = self.upsert(
            Statement,
            {},
            {
                **lookup,
                "label": label,
                "kind": kind,
                "self_described_kind": self_described_kind,
                "text": "\n\n".join(paragraphs),
                **date_columns("made", made),
            },
            existing=existing,
        )
        outcome = self.last
        missing = {p.pk for p in provisions} - set(
            statement.provisions.values_list("pk", flat=True)
        )
        if missing:
            statement.provisions.add(*missing)
            if outcome == UNCHANGED:
                self.tally.add(statement, UPDATED)
        self.cite(statement, text, *sources)
        return statement

    # -- the directory ------------------------------------------------------------------------

    def meeting(
        self,
        body: Body,
        kind: str,
        starts_on: str,
        *sources: Quote,
        title: str,
        ends_on: str | None = None,
        place: str = "",
        agenda: str = "",
        participants: Sequence[Party] = (),
        documents: Sequence[Instrument] = (),
        decisions: Sequence[Instrument] = (),
    ) -> Meeting:
        """Create or restore a meeting of a body, found by its body, first day and kind.

        ``starts_on`` and ``ends_on`` are EDTF days, months or years ("2012-02-28", "2002-05",
        "2003"), as precise as the seed: their precision is the meeting's, and a month or year
        is stored as its first day. The participants, documents and decisions the seed links
        to it are added when missing; others an editor added stay.
        """
        start = PartialDate.parse(starts_on)
        end = PartialDate.parse(ends_on) if ends_on else None
        if start.precision == DatePrecision.RANGE or (end and end.precision != start.precision):
            raise ValueError(f"A meeting's dates are one day, month or year each: {starts_on}.")
        meeting = self.upsert(
            Meeting,
            {"body": body, "starts_on": start.earliest, "kind": kind},
            {
                "title": title,
                "ends_on": end.earliest if end else None,
                "precision": start.precision,
                "place": place,
                "agenda": agenda,
            },
        )
        outcome = self.last
        for field, wanted in (
            ("participants", participants),
            ("documents", documents),
            ("decisions", decisions),
        ):
            related = getattr(meeting, field)
            missing = {r.pk for r in wanted} - set(related.values_list("pk", flat=True))
            if missing:
                related.add(*missing)
                if outcome == UNCHANGED:
                    outcome = UPDATED
                    self.tally.add(meeting, UPDATED)
        self.cite(meeting, *sources)
        return meeting

    def footnote(
        self, instrument: Instrument, marker: str, quote: Quote, text: Passage, provision=None
    ) -> Footnote:
        lines = self.seed.span(text.start, text.end)
        body = " ".join(" ".join(lines).split())
        body = body.removeprefix(quote.text).strip()
        # Ingestion keeps the marker as printed (a superscript one); the facts write it plainly.
        printed = {marker, marker.translate(SUPERSCRIPT), quote.text}
        existing = (
            Footnote.objects.filter(instrument=instrument, marker__in=printed)
            .order_by("pk")
            .first()
        )
        footnote = self.upsert(
            Footnote,
            {},
            {"instrument": instrument, "marker": marker, "provision": provision, "text": body},
            existing=existing,
        )
        self.cite(footnote, quote, text)
        return footnote

    def ingest(self) -> "Ingested":
        """Ingest the seed as any document is ingested, and cite each provision it proposes anew.

        The instruments come back in the order the document holds them. What this load created
        is published when the load ends (``publish``); an instrument that was there already
        keeps the publication a secretariat gave it.
        """
        try:
            job = ingest(self.seed.path)
            assert job.source is not None and job.document is not None
            result = proposal_save(
                proposal=job.document, source_path=self.seed.path, by=None, source=job.source
            )
            source_keep(job=job, result=result)
        except IngestionError as error:
            raise SeedError(str(error)) from error
        self.warnings += result.warnings
        ingested = Ingested(self.seed, [], [p.kind for p in job.document.instruments])
        for saved in result.instruments:
            instrument = Instrument.objects.get(pk=saved.instrument_id)
            outcome = UNCHANGED if saved.outcome == Outcome.UNCHANGED else CREATED
            ingested.instruments.append(instrument)
            if outcome == CREATED:
                self.fresh.append(instrument)
            self.tally.add(instrument, outcome)
            for provision in instrument.provisions.order_by("seq"):
                self.tally.add(provision, outcome)
                if outcome == CREATED:
                    self.cite(provision, self._passage_of(provision, job.source.text))
        return ingested

    def _passage_of(self, provision: Provision, text: str) -> Passage:
        span = provision.source_start or 0, provision.source_end or 0
        return Passage(f"provision {provision.ref}", *lines_of(text, *span))

    def publish(self) -> None:
        """Publish what this load ingested anew (a draft is published as a draft)."""
        for instrument in self.fresh:
            instrument.refresh_from_db(fields=["publication"])
            self.upsert(Instrument, {}, {"publication": Publication.PUBLISHED}, existing=instrument)


@dataclass
class Ingested:
    """The instruments ingestion made of one seed, in document order."""

    seed: SeedText
    instruments: list[Instrument]
    proposed_kinds: list[str]

    def at(self, index: int, kind: str) -> Instrument:
        """Return the ``index``-th instrument of the seed, which ingestion must propose as ``kind``.

        The facts may then give it another kind (a reader's judgement), so the check is on what
        ingestion proposed, not on the record.
        """
        if index >= len(self.instruments) or self.proposed_kinds[index] != kind:
            raise SeedMismatch(
                _(
                    "%(name)s: ingestion no longer finds a %(kind)s as instrument %(n)d of the "
                    "document; the seed or the ingestion rules have changed."
                )
                % {"name": self.seed.name, "kind": kind, "n": index + 1}
            )
        return self.instruments[index]

    @staticmethod
    def tree(instrument: Instrument) -> dict[str, Provision]:
        return {p.ref: p for p in instrument.provisions.all()}


def _paragraphs(lines: list[str]) -> list[str]:
    """Split lines into paragraphs at blank lines, without the quotation marks around them."""
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(" ".join(current).replace("*", "").split()))
            current = []
    if paragraphs:
        paragraphs[0] = paragraphs[0].removeprefix("“")
        paragraphs[-1] = paragraphs[-1].removesuffix("”")
    return paragraphs
