"""Implementing legislation, as JSON: by party and provision, in full text, and the gaps.

Reads are public. Writes need a person (401); a party's focal points and the secretariat
record and change its legislation (403 for anyone else). A law implements provisions of
published instruments, named by instrument id and references; bad input is 422 naming the
field, with nothing written.
"""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.api_errors import refusals, unprocessable
from concord.directory import legislation
from concord.directory.api.contacts import patched
from concord.directory.models import Legislation, LegislationKind
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import Party
from concord.registry.schemas import Code, NotFoundOut, NulFree, Out, Text

router = Router(tags=["directory"])

REFUSED = {401: NotFoundOut, 403: NotFoundOut, 404: NotFoundOut}

# Shapes -------------------------------------------------------------------------------------

Url = Annotated[str, Field(max_length=2000), NulFree]
Summary = Annotated[str, Field(max_length=20_000), NulFree]


class ImplementedIn(Schema):
    instrument: int = Field(description="A published instrument's id.")
    refs: list[Code] = Field(description="References of its provisions.")


class LegislationChangeIn(Schema):
    """Every field is optional: only those given change; `provisions` replaces them all."""

    title: Text | None = None
    kind: LegislationKind | None = None
    summary: Summary | None = None
    adopted_on: dt.date | None = None
    in_force_on: dt.date | None = None
    repealed_on: dt.date | None = None
    url: Url | None = None
    language: Annotated[str, Field(max_length=8), NulFree] | None = None
    provisions: list[ImplementedIn] | None = None


class LegislationIn(Schema):
    party: Code = Field(description="The party's code.")
    title: Text
    kind: LegislationKind
    summary: Summary = ""
    adopted_on: dt.date | None = None
    in_force_on: dt.date | None = None
    repealed_on: dt.date | None = None
    url: Url = ""
    language: Annotated[str, Field(max_length=8, description="ISO 639-1."), NulFree] = ""
    provisions: list[ImplementedIn] = Field(default_factory=list)


class ProvisionRefOut(Out):
    id: int
    instrument: int
    ref: str


class LegislationOut(Out):
    id: int
    party: str
    party_name: str
    title: str
    kind: LegislationKind
    summary: str
    url: str
    language: str
    adopted_on: dt.date | None
    in_force_on: dt.date | None
    repealed_on: dt.date | None
    provisions: list[ProvisionRefOut]


class GapOut(Out):
    id: int
    ref: str
    number: str
    kind: str
    heading: str
    text: str


class GapsOut(Out):
    party: str
    instrument: int
    gaps: list[GapOut] = Field(description="Binding provisions no law in force implements.")


class LegislationFilters(Schema):
    party: Code | None = Field(None, description="A party's code.")
    provision: int | None = Field(None, description="A provision's id.")
    instrument: int | None = Field(
        None, description="An instrument's id (with `ref`, one of its provisions)."
    )
    ref: Code | None = Field(None, description="A provision's reference, with `instrument`.")
    kind: LegislationKind | None = None
    in_force_on: dt.date | None = Field(None, description="In force on that day.")
    q: Text | None = Field(None, description="Words of the title or summary; best match first.")


class GapsQuery(Schema):
    party: Code = Field(description="A party's code.")
    instrument: int = Field(description="A published instrument's id.")


# Lookups ------------------------------------------------------------------------------------


ONLY_RECORDERS = gettext_lazy(
    "Only the party's focal points and the secretariat record its legislation."
)


def _party(code: str, field: str = "party") -> Party:
    party = Party.objects.filter(code=code).first()
    if party is None:
        raise DjangoValidationError({field: _("No party with code %(code)s.") % {"code": code}})
    return party


def _provisions(implemented: list[ImplementedIn]) -> list:
    found = []
    for item in implemented:
        found += legislation.provisions_named(item.instrument, item.refs)
    return found


def _law_or_404(legislation_id: int) -> Legislation:
    law = legislation.legislation_search().filter(pk=legislation_id).first()
    if law is None:
        raise HttpError(404, _("No legislation with id %(id)s.") % {"id": legislation_id})
    return law


PLAIN = ("title", "kind", "summary", "adopted_on", "in_force_on", "repealed_on", "url", "language")


# Operations ---------------------------------------------------------------------------------


@router.get(
    "/legislation",
    response=Paged[LegislationOut],
    summary="List implementing legislation",
    description="By party, provision (`provision`, or `instrument` and `ref`), kind, in force "
    "on a day, and words of the title or summary (`q`, best match first; otherwise by id).",
)
def legislation_list(
    request: HttpRequest, filters: Query[LegislationFilters], page: Query[PageQuery]
):
    qs = legislation.legislation_search(**filters.model_dump())
    key = None if filters.q is not None else ("id",)
    if key:
        qs = qs.order_by("id")
    return paginate_query(qs, page, key=key).as_dict(legislation.legislation_data)


@router.get(
    "/legislation/gaps",
    response=GapsOut,
    summary="List a party's gaps under an instrument",
    description="The provisions of the instrument that bind parties (articles, operative "
    "paragraphs, recommended actions, recommendations) that no legislation of the party in "
    "force today implements, in document order.",
)
def legislation_gaps(request: HttpRequest, query: Query[GapsQuery]) -> dict:
    try:
        party = _party(query.party)
        instrument = legislation.published_instrument(query.instrument)
    except DjangoValidationError as exc:
        raise unprocessable(exc, location=lambda field: ["query", field]) from None
    fields = ("ref", "number", "kind", "heading", "text")
    return {
        "party": party.code,
        "instrument": instrument.pk,
        "gaps": [
            {"id": p.pk, **{name: getattr(p, name) for name in fields}}
            for p in legislation.gaps(party, instrument)
        ],
    }


@router.post(
    "/legislation",
    response={201: LegislationOut, **REFUSED},
    auth=signed_in,
    summary="Record implementing legislation",
    description="A law of a party and the provisions it implements (the party's focal points, "
    "or the secretariat).",
)
def legislation_create(request: HttpRequest, payload: LegislationIn) -> Any:
    user = request.user
    with refusals(ONLY_RECORDERS):
        if not user.has_perm("directory.add_legislation"):
            raise PermissionDenied
        party = _party(payload.party)
        if not user.has_perm("directory.add_legislation", Legislation(party=party)):
            raise PermissionDenied
        content = legislation.LegislationContent(
            **payload.model_dump(include=set(PLAIN)), provisions=_provisions(payload.provisions)
        )
        law = legislation.legislation_create(user=user, party=party, content=content)
    return Status(201, legislation.legislation_data(_law_or_404(law.pk)))


@router.get(
    "/legislation/{legislation_id}",
    response={200: LegislationOut, 404: NotFoundOut},
    summary="Show implementing legislation",
)
def legislation_detail(request: HttpRequest, legislation_id: int) -> dict:
    return legislation.legislation_data(_law_or_404(legislation_id))


@router.patch(
    "/legislation/{legislation_id}",
    response={200: LegislationOut, **REFUSED},
    auth=signed_in,
    summary="Change implementing legislation",
    description="Change the fields given; `provisions`, when given, replaces those implemented.",
)
def legislation_update(request: HttpRequest, legislation_id: int, payload: LegislationChangeIn):
    law = _law_or_404(legislation_id)
    given = payload.model_dump(exclude_unset=True, exclude={"provisions"})
    with refusals(ONLY_RECORDERS):
        if not request.user.has_perm("directory.change_legislation", law):
            raise PermissionDenied
        given = patched(
            given,
            required=("title", "kind"),
            emptied={"summary": "", "url": "", "language": ""},
        )
        current = {name: getattr(law, name) for name in PLAIN}
        implemented = (
            list(law.provisions.all())
            if payload.provisions is None
            else _provisions(payload.provisions)
        )
        content = legislation.LegislationContent(**{**current, **given}, provisions=implemented)
        legislation.legislation_update(legislation=law, user=request.user, content=content)
    return legislation.legislation_data(_law_or_404(law.pk))
