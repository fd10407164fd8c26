"""The shapes the registry's API answers with, and the functions that fill them.

Dates are written in EDTF (``2013-12-06``, ``2001-11``, ``2003``, ``../2004-05-31``) with their
precision beside them, so that a date known only to the year is never shown as a day. Texts
come in the request's language where a translation exists; ``language`` says which one it is.
"""

from typing import Annotated, Any, Literal

from django.conf import settings
from ninja import Schema
from pydantic import AfterValidator, BaseModel, Field

from concord.registry.dates import PartialDate
from concord.registry.models import (
    Body,
    DraftingMark,
    Group,
    GroupMembership,
    Instrument,
    InstrumentKind,
    InstrumentRelation,
    Participation,
    Party,
    PartyKind,
    Provision,
    Publication,
    Statement,
)


def _refuse_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; say so as a 422 rather than fail on the query.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


NulFree = AfterValidator(_refuse_nul)
Text = Annotated[str, Field(max_length=500), NulFree]
Code = Annotated[str, Field(max_length=128), AfterValidator(_refuse_nul)]

Precision = Literal["day", "month", "year", "range"]


class Out(BaseModel):
    """A shape the API answers with.

    Plain pydantic rather than ninja's ``Schema``: answers are built as dicts, and ``Schema``
    wraps every row in an attribute getter before validating it, which costs more than the
    rest of a 500-row page.
    """


class NotFoundOut(Out):
    detail: str = Field(description="What was not found.")


# Filters ----------------------------------------------------------------------------------


class PartyFilters(Schema):
    group: Code | None = Field(None, description="Only members of the group with this slug.")
    kind: PartyKind | None = Field(None, description="Only parties of this kind.")


class InstrumentFilters(Schema):
    symbol: Code | None = Field(None, description="The document symbol, any case.")
    kind: InstrumentKind | None = Field(None, description="Only instruments of this kind.")
    body: Code | None = Field(
        None, description="Only instruments adopted by the body with this code."
    )
    party: Code | None = Field(
        None, description="Only instruments the party with this code takes part in."
    )
    q: Text | None = Field(None, description="Words to search for; results come best match first.")


# Parties and groups -----------------------------------------------------------------------


class PartyOut(Out):
    code: str
    name: str
    kind: str
    language: str = Field(description="The language of `name`.")


class PartyMembershipOut(Out):
    group: str = Field(description="The group's slug.")
    group_name: str
    since: str | None
    since_precision: Precision | None
    until: str | None
    until_precision: Precision | None


class PartyDetailOut(PartyOut):
    official_name: str
    aliases: list[str] = Field(description="Other names documents use for the party.")
    groups: list[PartyMembershipOut]


class GroupOut(Out):
    slug: str
    name: str
    description: str
    language: str = Field(description="The language of `name`.")
    members_count: int = Field(description="Parties that are or were members.")


class GroupMemberOut(Out):
    party: str = Field(description="The party's code.")
    party_name: str
    kind: str
    since: str | None
    since_precision: Precision | None
    until: str | None
    until_precision: Precision | None


class GroupDetailOut(GroupOut):
    members: list[GroupMemberOut]


# Bodies -----------------------------------------------------------------------------------


class BodyRef(Out):
    code: str
    name: str


class BodyOut(Out):
    code: str
    name: str
    acronym: str
    kind: str
    parent: str | None = Field(description="The code of the body it is part of.")
    party: str | None = Field(description="The code of the party a national body belongs to.")
    language: str = Field(description="The language of `name`.")


class BodyDetailOut(BodyOut):
    parent_name: str | None
    organs: list[BodyRef]
    instruments_count: int


# Instruments ------------------------------------------------------------------------------


class InstrumentRef(Out):
    id: int
    symbol: str
    title: str
    kind: str


class InstrumentOut(Out):
    id: int
    symbol: str
    title: str
    short_title: str
    kind: str
    number: str
    adopted_on: str | None = Field(description="EDTF: 2013-12-06, 2001-11, 2003, ../2004-05-31.")
    adopted_precision: Precision | None
    body: BodyRef | None
    legal_status: str
    publication: str
    revision_of: int | None = Field(description="The id of the instrument it revises or corrects.")
    language: str = Field(description="The language of `title`.")


class RelationOut(Out):
    kind: str
    direction: Literal["out", "in"] = Field(
        description="out: this instrument <kind> the other; in: the other <kind> this one."
    )
    instrument: InstrumentRef
    note: str


class InstrumentDetailOut(InstrumentOut):
    source_document: str
    source_url: str
    relations: list[RelationOut]
    revisions: list[InstrumentRef] = Field(description="Revisions and corrigenda of this one.")
    revision_chain: list[InstrumentRef] = Field(
        description="The original and all its revisions and corrigenda, original first."
    )
    provisions_count: int
    participants_count: int
    statements_count: int


# Provisions -------------------------------------------------------------------------------


class AddresseeOut(Out):
    label: str = Field(description="As the text names it.")
    party: str | None
    group: str | None
    body: str | None


class ProvisionOut(Out):
    ref: str = Field(
        description="Unique within the instrument; cite as /instruments/{id}/provisions/{ref}."
    )
    number: str = Field(description="As printed.")
    kind: str
    verb: str
    heading: str
    text: str
    parent: str | None = Field(description="The ref of the enclosing provision.")
    depth: int
    seq: int = Field(description="Position in document order.")
    addressees: list[AddresseeOut]
    drafting_marks: list[str]
    language: str = Field(description="The language of `text`.")


class FootnoteOut(Out):
    marker: str
    text: str
    language: str


class StatementRef(Out):
    id: int
    party: str
    kind: str
    label: str


class ProvisionDetailOut(ProvisionOut):
    instrument: InstrumentRef
    children: list[str] = Field(description="The refs of the provisions directly under it.")
    footnotes: list[FootnoteOut]
    statements: list[StatementRef]


# Participation and statements -------------------------------------------------------------


class ParticipantOut(Out):
    party: str = Field(description="The party's code.")
    party_name: str
    role: str
    date: str | None = Field(description="When the role began, in EDTF.")
    date_precision: Precision | None
    date_earliest: str | None
    date_latest: str | None
    end: str | None = Field(description="When the role ended (an observer status), in EDTF.")
    note: str


class ProvisionRefOut(Out):
    instrument: int = Field(description="The id of the instrument the provision belongs to.")
    ref: str


class StatementOut(Out):
    id: int
    party: str = Field(description="The party's code.")
    party_name: str
    kind: str
    self_described_kind: str | None = Field(description="What the statement calls itself.")
    label: str
    date: str | None
    date_precision: Precision | None
    provisions: list[ProvisionRefOut] = Field(
        description="The provisions it concerns; they may lie in another instrument (a statement "
        "on a decision can name paragraphs of the addendum annexed to it)."
    )
    text: str
    language: str


# Fillers ----------------------------------------------------------------------------------


def _edtf(value: PartialDate | None) -> str | None:
    return value.edtf if value else None


def party_data(party: Party) -> dict[str, Any]:
    name = party.translated("name")
    return {"code": party.code, "name": name.text, "kind": party.kind, "language": name.language}


def party_detail_data(party: Party) -> dict[str, Any]:
    return {
        **party_data(party),
        "official_name": party.official_name,
        "aliases": [alias.name for alias in party.aliases.all()],
        "groups": [
            {
                "group": m.group.slug,
                "group_name": m.group.translated("name").text,
                "since": _edtf(m.since),
                "since_precision": m.since_precision or None,
                "until": _edtf(m.until),
                "until_precision": m.until_precision or None,
            }
            for m in party.memberships.all()
        ],
    }


def group_data(group: Group) -> dict[str, Any]:
    name = group.translated("name")
    return {
        "slug": group.slug,
        "name": name.text,
        "description": group.translated("description").text,
        "language": name.language,
        "members_count": group.members_count,
    }


def group_member_data(membership: GroupMembership) -> dict[str, Any]:
    return {
        "party": membership.party.code,
        "party_name": membership.party.translated("name").text,
        "kind": membership.party.kind,
        "since": _edtf(membership.since),
        "since_precision": membership.since_precision or None,
        "until": _edtf(membership.until),
        "until_precision": membership.until_precision or None,
    }


def body_data(body: Body) -> dict[str, Any]:
    name = body.translated("name")
    return {
        "code": body.code,
        "name": name.text,
        "acronym": body.acronym,
        "kind": body.kind,
        "parent": body.parent.code if body.parent else None,
        "party": body.party.code if body.party else None,
        "language": name.language,
    }


def body_ref(body: Body | None) -> dict[str, str] | None:
    return {"code": body.code, "name": body.translated("name").text} if body else None


def instrument_ref(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.pk,
        "symbol": instrument.symbol,
        "title": instrument.translated("title").text,
        "kind": instrument.kind,
    }


def instrument_data(instrument: Instrument) -> dict[str, Any]:
    title = instrument.translated("title")
    revised = instrument.revision_of
    return {
        "id": instrument.pk,
        "symbol": instrument.symbol,
        "title": title.text,
        "short_title": instrument.translated("short_title").text,
        "kind": instrument.kind,
        "number": instrument.number,
        "adopted_on": _edtf(instrument.adopted),
        "adopted_precision": instrument.adopted_precision or None,
        "body": body_ref(instrument.body),
        "legal_status": instrument.legal_status,
        "publication": instrument.publication,
        # An unpublished original does not exist for the public, not even as an id.
        "revision_of": revised.pk if revised and revised.is_published else None,
        "language": title.language,
    }


INSTRUMENT_ROW = (
    "id",
    "symbol",
    "title",
    "short_title",
    "kind",
    "number",
    "adopted_earliest",
    "adopted_latest",
    "adopted_precision",
    "legal_status",
    "publication",
    "revision_of_id",
    "revision_of__publication",
    "body__code",
    "body__name",
)
INSTRUMENT_ROW_TRANSLATIONS = ("translations", "body__translations")


def _row_translated(
    row: dict[str, Any], field: str, translations: str, language: str
) -> tuple[str, str]:
    """Return a ``values()`` row's text in ``language`` and its language, as ``translated`` does."""
    if language != settings.LANGUAGE_CODE:
        text = ((row.get(translations) or {}).get(language) or {}).get(field.rsplit("__")[-1])
        if text:
            return text, language
    return row[field], settings.LANGUAGE_CODE


def instrument_row_data(row: dict[str, Any], language: str) -> dict[str, Any]:
    """Return the shape of ``instrument_data`` from a ``values(*INSTRUMENT_ROW)`` row, for lists.

    Rows in another language than English also need ``INSTRUMENT_ROW_TRANSLATIONS``.
    """
    language = language.lower()
    title, title_language = _row_translated(row, "title", "translations", language)
    precision = row["adopted_precision"]
    adopted = (
        PartialDate(row["adopted_earliest"], row["adopted_latest"], precision)
        if precision
        else None
    )
    body = None
    if row["body__code"] is not None:
        name, _language = _row_translated(row, "body__name", "body__translations", language)
        body = {"code": row["body__code"], "name": name}
    published = row["revision_of__publication"] == Publication.PUBLISHED
    return {
        "id": row["id"],
        "symbol": row["symbol"],
        "title": title,
        "short_title": _row_translated(row, "short_title", "translations", language)[0],
        "kind": row["kind"],
        "number": row["number"],
        "adopted_on": _edtf(adopted),
        "adopted_precision": precision or None,
        "body": body,
        "legal_status": row["legal_status"],
        "publication": row["publication"],
        # An unpublished original does not exist for the public, not even as an id.
        "revision_of": row["revision_of_id"] if published else None,
        "language": title_language,
    }


def relation_data(relation: InstrumentRelation, instrument: Instrument) -> dict[str, Any]:
    outgoing = relation.source_id == instrument.pk
    return {
        "kind": relation.kind,
        "direction": "out" if outgoing else "in",
        "instrument": instrument_ref(relation.target if outgoing else relation.source),
        "note": relation.note,
    }


def provision_data(provision: Provision) -> dict[str, Any]:
    text = provision.translated("text")
    return {
        "ref": provision.ref,
        "number": provision.number,
        "kind": provision.kind,
        "verb": provision.verb,
        "heading": provision.translated("heading").text,
        "text": text.text,
        "parent": provision.parent.ref if provision.parent_id else None,
        "depth": provision.depth,
        "seq": provision.seq,
        "addressees": [
            {
                "label": a.label,
                "party": a.party.code if a.party_id else None,
                "group": a.group.slug if a.group_id else None,
                "body": a.body.code if a.body_id else None,
            }
            for a in provision.addressees.all()
        ],
        "drafting_marks": provision.drafting_marks,
        "language": text.language,
    }


def provision_row_data(
    row: dict[str, Any], addressees: list[dict[str, Any]], language: str
) -> dict[str, Any]:
    """Return the same shape as ``provision_data`` from a ``values()`` row, for long lists."""
    heading, text, text_language = row["heading"], row["text"], settings.LANGUAGE_CODE
    if row.get("translations"):
        # Only translated rows pay for a model instance, so that translated() stays the one rule.
        provision = Provision(heading=heading, text=text, translations=row["translations"])
        heading = provision.translated("heading", language).text
        text, text_language, _fell_back = provision.translated("text", language)
    marks = []
    if row["is_bracketed"]:
        marks.append(DraftingMark.BRACKETED.value)
    if row["has_placeholder"]:
        marks.append(DraftingMark.PLACEHOLDER.value)
    return {
        "ref": row["ref"],
        "number": row["number"],
        "kind": row["kind"],
        "verb": row["verb"],
        "heading": heading,
        "text": text,
        "parent": row["parent__ref"],
        "depth": row["depth"],
        "seq": row["seq"],
        "addressees": addressees,
        "drafting_marks": marks,
        "language": text_language,
    }


def provision_detail_data(provision: Provision, children: list[str]) -> dict[str, Any]:
    return {
        **provision_data(provision),
        "instrument": instrument_ref(provision.instrument),
        "children": children,
        "footnotes": [
            {"marker": f.marker, "text": t.text, "language": t.language}
            for f in provision.footnotes.all()
            for t in [f.translated("text")]
        ],
        "statements": [
            {"id": s.pk, "party": s.party.code, "kind": s.kind, "label": s.label}
            for s in provision.statements.all()
        ],
    }


def participant_data(participation: Participation) -> dict[str, Any]:
    start = participation.start
    return {
        "party": participation.party.code,
        "party_name": participation.party.translated("name").text,
        "role": participation.role,
        "date": _edtf(start),
        "date_precision": participation.start_precision or None,
        "date_earliest": start.earliest.isoformat() if start and start.earliest else None,
        "date_latest": start.latest.isoformat() if start and start.latest else None,
        "end": _edtf(participation.end),
        "note": participation.note,
    }


def statement_data(statement: Statement) -> dict[str, Any]:
    text = statement.translated("text")
    return {
        "id": statement.pk,
        "party": statement.party.code,
        "party_name": statement.party.translated("name").text,
        "kind": statement.kind,
        "self_described_kind": statement.self_described_kind or None,
        "label": statement.label,
        "date": _edtf(statement.made),
        "date_precision": statement.made_precision or None,
        "provisions": [
            {"instrument": p.instrument_id, "ref": p.ref} for p in statement.provisions.all()
        ],
        "text": text.text,
        "language": text.language,
    }


class ResultsNodeOut(Out):
    id: int
    framework: int = Field(description="The id of the instrument whose framework it is.")
    level: str = Field(description="goal, outcome, output or activity.")
    code: str = Field(description="Its numbering, normalized: A, A1, A.1.1 (goal: goal).")
    parent: int | None = Field(description="The id of the node above it.")
    title: str = Field(description="Its wording where it is first printed.")
    printed_in: list[ProvisionRefOut] = Field(
        description="The published provisions that print it: an output listed in a strategy "
        "and again in its work plan is one node printed twice."
    )
