"""Writing one file's proposals into the registry, as drafts for review, and linking them.

``proposal_save`` is the only write of ingestion. Everything it creates is ``proposed``: nothing
ingested is public before a person publishes it. One transaction per file, inside
``changes_from("import")``, so that the audit trail says where the records came from and a
failure leaves nothing half-written.

Matching, so that re-ingesting changes nothing: an instrument is the newest version of its
symbol (case-insensitive), else the one this ingestion cited from the same source document under
the same title (a reviewer may have corrected the title since); when that instrument has later
revisions, the latest is compared. An instrument whose stored ``source_fingerprint`` says it was
made from the same proposal is left alone, however a reviewer corrected it since; so is one that
compares equal. One that differs, or one whose symbol revises a known symbol (a higher ``Rev.`` or
``Corr.``), is recorded as a new instrument whose ``revision_of`` is the one it replaces, with
``provision_diff`` saying what changed; a changed text under the same symbol is the symbol's next
``version``.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from concord.audit.context import changes_from
from concord.ingestion.diff import ProvisionDiff, fingerprint, provision_diff, stored_tree
from concord.ingestion.exceptions import IngestionError
from concord.ingestion.mentions import find_mentions
from concord.ingestion.mentions.base import MentionType
from concord.ingestion.readers import SourceText, read_document
from concord.ingestion.resolver import Resolver
from concord.ingestion.structure import (
    ProposedDocument,
    ProposedInstrument,
    ProposedProvision,
    ProposedStatement,
    lines_of,
)
from concord.registry.models import (
    Citation,
    Footnote,
    Instrument,
    InstrumentRelation,
    Provision,
    ProvisionAddressee,
    ResultsNode,
    Statement,
)
from concord.registry.models.instruments import (
    InstrumentKind,
    LegalStatus,
    Publication,
    RelationKind,
)
from concord.registry.models.provisions import ProvisionKind
from concord.registry.models.statements import StatementKind
from concord.registry.symbols import Symbol, parse_symbol

M = TypeVar("M", bound=Model)


class ProposalNotSaved(IngestionError):
    """The proposals of a file could not be written; nothing of that file was written."""


# Kinds of provision whose words are a heading rather than a text.
HEADING_KINDS = {
    ProvisionKind.PART,
    ProvisionKind.CHAPTER,
    ProvisionKind.SECTION,
    ProvisionKind.ANNEX,
}
# Kinds of instrument that are attached to the instrument just before them, not to the first.
ATTACHED_TO_PREVIOUS = {InstrumentKind.ADDENDUM, InstrumentKind.STATEMENT}
# Results ---------------------------------------------------------------------------------


class Outcome:
    CREATED = "created"
    UNCHANGED = "unchanged"
    REVISED = "revised"


@dataclass
class SavedInstrument:
    instrument_id: int
    title: str
    outcome: str
    revision_of: int | None = None
    diff: ProvisionDiff | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.instrument_id,
            "title": self.title,
            "outcome": self.outcome,
            "revision_of": self.revision_of,
            "diff": self.diff.to_json() if self.diff is not None else None,
        }


@dataclass
class SaveResult:
    source: str
    instruments: list[SavedInstrument] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for saved in self.instruments if saved.outcome == outcome)


# Matching --------------------------------------------------------------------------------


def _title_of(proposed: ProposedInstrument, position: int, document_name: str) -> str:
    if proposed.title:
        return proposed.title[:500]
    return (
        _("Untitled instrument %(n)d of %(document)s") % {"n": position, "document": document_name}
    )[:500]


def _latest(instrument: Instrument) -> Instrument:
    """Follow the revision chain to its newest instrument."""
    while (newer := instrument.revisions.order_by("-pk").first()) is not None:
        instrument = newer
    return instrument


def _predecessor(symbol: Symbol) -> Instrument | None:
    """Return the known instrument with the same base symbol and the highest lower revision."""
    best: tuple[tuple[tuple[str, int], ...], Instrument] | None = None
    candidates = Instrument.objects.filter(symbol__istartswith=symbol.base).order_by("version")
    for candidate in candidates:
        other = parse_symbol(candidate.symbol)
        if other.base.lower() != symbol.base.lower() or other.suffixes >= symbol.suffixes:
            continue
        if best is None or other.suffixes >= best[0]:
            best = (other.suffixes, candidate)
    return best[1] if best else None


def _match(proposed: ProposedInstrument, title: str, document_name: str) -> Instrument | None:
    """Return the newest instrument this proposal is a version of, or None for a new one."""
    found = Instrument.objects.with_symbol(proposed.symbol) if proposed.symbol else None
    if found is None:
        cited = Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(Instrument),
            document=document_name[:255],
            locator=title[:255],
        ).values("object_id")
        found = (
            Instrument.objects.filter(pk__in=cited).order_by("pk").first()
            or Instrument.objects.filter(source_document=document_name, title=title)
            .order_by("pk")
            .first()
        )
    if found is None and proposed.symbol:
        found = _predecessor(parse_symbol(proposed.symbol))
    return _latest(found) if found is not None else None


def _extras(instrument: Instrument) -> tuple[Any, ...]:
    return (
        instrument.kind,
        instrument.number,
        instrument.adopted.edtf if instrument.adopted else None,
        sorted(instrument.footnotes.values_list("marker", "text")),
        sorted(instrument.statements.values_list("label", "party_id")),
    )


# Writing ---------------------------------------------------------------------------------


def _choice(value: str, choices: type, default: str) -> str:
    return value if value in choices.values else default


def _statement_kind(title: str) -> str:
    lowered = title.lower()
    for kind in (StatementKind.INTERPRETATIVE, StatementKind.RESERVATION, StatementKind.OBJECTION):
        if kind.value in lowered:
            return kind.value
    return StatementKind.DECLARATION.value


@dataclass
class _Context:
    text: str
    document_name: str
    resolver: Resolver
    result: SaveResult
    by: Any = None
    statements: list[tuple[ProposedStatement, Statement]] = field(default_factory=list)

    def create(self, model: type[M], **fields: Any) -> M:
        """Create a record whose history names the person who ingested it."""
        record = model(**fields)
        if self.by is not None:
            record._history_user = self.by
        record.save()
        return record

    def cite(self, record: Model, locator: str, span: tuple[int, int] | list[int]) -> None:
        """Cite the lines of the file that ``span`` covers, once per record and locator."""
        place = {
            "content_type": ContentType.objects.get_for_model(record),
            "object_id": record.pk,
            "document": self.document_name[:255],
            "locator": locator[:255],
        }
        if not Citation.objects.filter(**place).exists():
            first, last = lines_of(self.text, *span)
            self.create(Citation, **place, line_start=first, line_end=last)


def _write_provisions(instrument: Instrument, proposed: ProposedInstrument, ctx: _Context) -> None:
    seq = 0

    def write(node: ProposedProvision, parent: Provision | None, depth: int) -> None:
        nonlocal seq
        seq += 1
        kind = _choice(node.kind, ProvisionKind, ProvisionKind.PARAGRAPH)
        heading = node.text[:500] if kind in HEADING_KINDS else ""
        provision = ctx.create(
            Provision,
            instrument=instrument,
            parent=parent,
            seq=seq,
            depth=depth,
            ref=node.ref,
            number=node.number or "",
            kind=kind,
            verb=node.verb or "",
            heading=heading,
            text="" if heading else node.text,
            is_bracketed=node.bracketed,
            has_placeholder=node.placeholder,
            source_start=node.span[0],
            source_end=node.span[1],
        )
        for label in dict.fromkeys(node.addressees):
            party = ctx.resolver.party(label)
            body = None if party else ctx.resolver.body(label)
            ctx.create(
                ProvisionAddressee, provision=provision, label=label[:255], party=party, body=body
            )
        if "duplicate_number" in node.flags:
            ctx.result.warnings.append(
                _(
                    "%(title)s: another provision is also numbered %(number)s in the source; "
                    "both are kept, this one as %(ref)s"
                )
                % {"title": instrument.title, "number": node.number, "ref": node.ref}
            )
        for child in node.children:
            write(child, provision, depth + 1)

    for root in proposed.provisions:
        write(root, None, 0)


def _write_instrument(
    proposed: ProposedInstrument, title: str, revises: Instrument | None, ctx: _Context
) -> Instrument:
    symbol = (proposed.symbol or "")[:128]
    same_symbol = Instrument.objects.with_symbol(symbol) if symbol else None
    adopted = proposed.adopted_on if proposed.adopted_on and not proposed.draft else None
    instrument = Instrument(
        kind=_choice(proposed.kind, InstrumentKind, InstrumentKind.OTHER),
        title=title,
        number=(proposed.number or "")[:64],
        symbol=symbol,
        version=same_symbol.version + 1 if same_symbol else 1,
        revision_of=revises,
        body=ctx.resolver.body(proposed.body),
        legal_status=LegalStatus.ADOPTED if adopted else LegalStatus.DRAFT,
        publication=Publication.PROPOSED,
        source_document=ctx.document_name[:255],
        source_fingerprint=fingerprint(proposed),
    )
    instrument.adopted = adopted
    if ctx.by is not None:
        instrument._history_user = ctx.by
    instrument.save()
    _write_provisions(instrument, proposed, ctx)
    for footnote in proposed.footnotes:
        ctx.create(Footnote, instrument=instrument, marker=footnote.marker[:8], text=footnote.text)
    for statement in proposed.statements:
        party = ctx.resolver.party(statement.party)
        if party is None:
            ctx.result.warnings.append(
                _("%(title)s: the statement by %(party)s names no party of the registry; not saved")
                % {"title": title, "party": statement.party or _("an unnamed party")}
            )
            continue
        start, end = statement.span
        record = ctx.create(
            Statement,
            party=party,
            instrument=instrument,
            kind=_statement_kind(statement.title),
            label=statement.title[:128],
            text=ctx.text[start:end].strip(),
        )
        ctx.statements.append((statement, record))
    ctx.cite(instrument, proposed.symbol or title, proposed.span)
    return instrument


def _relate(source: Instrument, target: Instrument, kind: str) -> bool:
    if source.pk == target.pk:
        return False
    _relation, created = InstrumentRelation.objects.get_or_create(
        source=source, target=target, kind=kind
    )
    return created


def _cite_mention(
    source: Instrument, target: Instrument, mention: dict[str, Any], ctx: _Context
) -> None:
    """Cite the line where ``source`` mentions ``target``, as the relation's evidence."""
    relation = InstrumentRelation.objects.get(
        source=source, target=target, kind=RelationKind.RECALLS
    )
    ctx.cite(relation, f'mention, "{mention["text"]}"', mention["span"])


def _link_mentions(
    saved: list[tuple[ProposedInstrument, Instrument]], document: ProposedDocument, ctx: _Context
) -> None:
    # A proposal that did not pass the mentions step is searched here.
    mentions = document.mentions or [m.to_json() for m in find_mentions(ctx.text)]
    for mention in mentions:
        if mention["type"] != MentionType.SYMBOL:
            continue
        start, end = mention["span"]
        within = [
            inst
            for proposed, inst in saved
            if proposed.span[0] <= start and end <= proposed.span[1]
        ]
        if not within:
            continue
        target = Instrument.objects.with_symbol(mention["text"])
        if target is None:
            continue
        for instrument in within:
            if instrument.pk == target.pk:
                continue
            _relate(instrument, target, RelationKind.RECALLS)
            _cite_mention(instrument, target, mention, ctx)
            ctx.result.links.append(
                {
                    "source": instrument.pk,
                    "target": target.pk,
                    "kind": RelationKind.RECALLS.value,
                    "symbol": mention["text"],
                    "span": [start, end],
                }
            )


def proposal_save(
    *,
    proposal: ProposedDocument,
    source_path: Path | str,
    by: Any,
    source: SourceText | None = None,
) -> SaveResult:
    """Write one file's proposed instruments into the registry as proposals for review.

    ``by`` must hold ``registry.add_instrument``; ``None`` is accepted only from the command line
    (``concord ingest``), whose user is the operator of the installation.
    ``source`` is the text the proposal's spans point into (read again from the file when not
    given). Raises ``PermissionDenied`` before anything is written, or ``ProposalNotSaved``
    (nothing written).
    """
    if by is not None and not by.has_perm("registry.add_instrument"):
        raise PermissionDenied(_("You may not add instruments."))
    path = Path(source_path)
    text = source.text if source is not None else read_document(path).text
    result = SaveResult(source=str(path))
    try:
        with changes_from("import"), transaction.atomic():
            ctx = _Context(text, path.name, Resolver(), result, by)
            saved: list[tuple[ProposedInstrument, Instrument]] = []
            for position, proposed in enumerate(proposal.instruments, start=1):
                saved.append((proposed, _save_one(proposed, position, ctx)))
            _relate_within(saved)
            _link_mentions(saved, proposal, ctx)
            provisions = _SavedProvisions(saved)
            _link_statements(provisions, ctx)
            _write_results_framework(saved, provisions, proposal, ctx)
    except (DatabaseError, ValueError) as error:
        raise ProposalNotSaved(path, str(error)) from error
    return result


def _save_one(proposed: ProposedInstrument, position: int, ctx: _Context) -> Instrument:
    title = _title_of(proposed, position, ctx.document_name)
    earlier = _match(proposed, title, ctx.document_name)
    new_tree = [p.to_json() for p in proposed.provisions]
    if earlier is not None:
        diff = provision_diff(stored_tree(earlier), new_tree)
        same = earlier.source_fingerprint == fingerprint(proposed)
        if same or (not diff and _extras(earlier) == _extras_of(proposed, ctx)):
            ctx.result.instruments.append(SavedInstrument(earlier.pk, title, Outcome.UNCHANGED))
            return earlier
        instrument = _write_instrument(proposed, title, earlier, ctx)
        ctx.result.instruments.append(
            SavedInstrument(instrument.pk, title, Outcome.REVISED, earlier.pk, diff)
        )
        return instrument
    instrument = _write_instrument(proposed, title, None, ctx)
    ctx.result.instruments.append(SavedInstrument(instrument.pk, title, Outcome.CREATED))
    return instrument


def _extras_of(proposed: ProposedInstrument, ctx: _Context) -> tuple[Any, ...]:
    adopted = proposed.adopted_on if proposed.adopted_on and not proposed.draft else None
    statements = []
    for statement in proposed.statements:
        party = ctx.resolver.party(statement.party)
        if party is not None:
            statements.append((statement.title[:128], party.pk))
    return (
        _choice(proposed.kind, InstrumentKind, InstrumentKind.OTHER),
        (proposed.number or "")[:64],
        adopted,
        sorted((f.marker[:8], f.text) for f in proposed.footnotes),
        sorted(statements),
    )


class _SavedProvisions:
    """The saved provisions of a document's instruments by ``{"instrument": i, "ref": r}``.

    Each instrument's provisions are read once, the first time one of them is asked for.
    """

    def __init__(self, saved: list[tuple[ProposedInstrument, Instrument]]) -> None:
        self.instruments = [instrument for _proposed, instrument in saved]
        self.by_ref: dict[int, dict[str, Provision]] = {}

    def at(self, place: dict[str, Any]) -> Provision | None:
        index = place.get("instrument")
        if not isinstance(index, int) or not 0 <= index < len(self.instruments):
            return None
        if index not in self.by_ref:
            provisions = self.instruments[index].provisions.all()
            self.by_ref[index] = {p.ref: p for p in provisions}
        return self.by_ref[index].get(place.get("ref"))


def _link_statements(provisions: _SavedProvisions, ctx: _Context) -> None:
    """Link each new statement to the provisions it names, in whichever instrument they are."""
    for proposed, statement in ctx.statements:
        found = [provisions.at(place) for place in proposed.provisions]
        statement.provisions.add(*[p for p in found if p is not None])


def _write_results_framework(
    saved: list[tuple[ProposedInstrument, Instrument]],
    provisions: _SavedProvisions,
    document: ProposedDocument,
    ctx: _Context,
) -> None:
    """Record the document's results framework once, on the first instrument that prints it.

    Every provision printing a node points to that node, so an output listed in a strategy and
    again in its work plan is one output. A framework already recorded (a re-ingestion that
    changed nothing) is left as it is.
    """
    nodes = document.results_framework
    places = [place for node in nodes for place in node["occurrences"]]
    if not places:
        return
    owner = saved[min(place["instrument"] for place in places)][1]
    if owner.results_nodes.exists():
        return
    by_code: dict[str, ResultsNode] = {}
    for seq, node in enumerate(nodes, start=1):
        record = ctx.create(
            ResultsNode,
            framework=owner,
            parent=by_code.get(node["parent"]) if node.get("parent") else None,
            seq=seq,
            level=node["level"],
            code=node["code"][:32],
            title=node.get("title") or "",
        )
        by_code.setdefault(node["code"], record)
        for place in node["occurrences"]:
            provision = provisions.at(place)
            if provision is not None and provision.results_node_id is None:
                provision.results_node = record
                if ctx.by is not None:
                    provision._history_user = ctx.by
                provision.save(update_fields=["results_node"])


def _relate_within(saved: list[tuple[ProposedInstrument, Instrument]]) -> None:
    """Relate the instruments of one document: each later one is annexed to the first.

    An addendum or a statement is annexed to the instrument just before it instead.
    """
    if not saved:
        return
    first = saved[0][1]
    for index, (_proposed, instrument) in enumerate(saved[1:], start=1):
        target = saved[index - 1][1] if instrument.kind in ATTACHED_TO_PREVIOUS else first
        _relate(instrument, target, RelationKind.ANNEXED_TO)


__all__ = [
    "Outcome",
    "ProposalNotSaved",
    "SaveResult",
    "proposal_save",
]
