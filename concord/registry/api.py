"""The registry's read-only JSON API: parties, groups, bodies, instruments and what hangs on them.

Only published instruments exist here: an unpublished instrument, and everything under it,
answers 404 exactly as an unknown id does. Lists are paginated as ``concord.pagination`` says.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import (
    Count,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError

from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry import schemas, selectors
from concord.registry.models import (
    Instrument,
    Participation,
    Provision,
    ProvisionAddressee,
    Statement,
)
from concord.search.engine import filter_queryset

router = Router(tags=["registry"])

NOT_FOUND = {404: schemas.NotFoundOut}


def _instrument_or_404(instrument_id: int) -> Instrument:
    try:
        return selectors.instrument_get(instrument_id)
    except Http404:
        raise HttpError(404, _("No instrument with id %(id)s.") % {"id": instrument_id}) from None


# Parties ----------------------------------------------------------------------------------


@router.get(
    "/parties",
    response=Paged[schemas.PartyOut],
    summary="List parties",
    description="States, territories and organizations, ordered by name (then id).",
)
def party_list(
    request: HttpRequest, filters: Query[schemas.PartyFilters], page: Query[PageQuery]
) -> dict:
    qs = selectors.party_list(group=filters.group, kind=filters.kind)
    return paginate_query(qs, page, key=("name", "id")).as_dict(schemas.party_data)


@router.get(
    "/parties/{code}",
    response={200: schemas.PartyDetailOut, **NOT_FOUND},
    summary="Show a party",
    description="A party with the other names documents use for it and its group memberships.",
)
def party_detail(request: HttpRequest, code: Path[schemas.Code]) -> dict:
    try:
        party = selectors.party_get(code)
    except Http404:
        raise HttpError(404, _("No party with code %(code)s.") % {"code": code}) from None
    return schemas.party_detail_data(party)


# Groups -----------------------------------------------------------------------------------


def _groups() -> QuerySet:
    return selectors.group_list().annotate(members_count=Count("memberships__party", distinct=True))


@router.get(
    "/groups",
    response=Paged[schemas.GroupOut],
    summary="List groups",
    description="Named sets of parties (ASEAN, the ASEAN-6 ...), ordered by name (then id).",
)
def group_list(request: HttpRequest, page: Query[PageQuery]) -> dict:
    return paginate_query(_groups(), page, key=("name", "id")).as_dict(schemas.group_data)


@router.get(
    "/groups/{slug}",
    response={200: schemas.GroupDetailOut, **NOT_FOUND},
    summary="Show a group",
    description="A group with its members and the dates of their membership.",
)
def group_detail(request: HttpRequest, slug: Path[schemas.Code]) -> dict:
    try:
        group = selectors.group_get(slug)
    except Http404:
        raise HttpError(404, _("No group with slug %(slug)s.") % {"slug": slug}) from None
    memberships = list(group.memberships.all())
    group.members_count = len({m.party_id for m in memberships})
    members = [schemas.group_member_data(m) for m in memberships]
    return {**schemas.group_data(group), "members": members}


# Bodies -----------------------------------------------------------------------------------


@router.get(
    "/bodies",
    response=Paged[schemas.BodyOut],
    summary="List bodies",
    description="Organizations and their organs, ordered by name (then id).",
)
def body_list(request: HttpRequest, page: Query[PageQuery]) -> dict:
    qs = selectors.body_list()
    return paginate_query(qs, page, key=("name", "id")).as_dict(schemas.body_data)


@router.get(
    "/bodies/{code}",
    response={200: schemas.BodyDetailOut, **NOT_FOUND},
    summary="Show a body",
    description="A body with its organs and the number of published instruments it adopted.",
)
def body_detail(request: HttpRequest, code: Path[schemas.Code]) -> dict:
    try:
        body = selectors.body_get(code)
    except Http404:
        raise HttpError(404, _("No body with code %(code)s.") % {"code": code}) from None
    return {
        **schemas.body_data(body),
        "parent_name": body.parent.translated("name").text if body.parent else None,
        "organs": [schemas.body_ref(organ) for organ in body.organs.all()],
        "instruments_count": selectors.instruments_visible().filter(body=body).count(),
    }


# Instruments ------------------------------------------------------------------------------


@router.get(
    "/instruments",
    response=Paged[schemas.InstrumentOut],
    summary="List instruments",
    description="Published instruments, ordered by id (the order they were recorded). "
    "With `q`, ordered best match first; the `next` cursor then stops at 10,000 rows.",
)
def instrument_list(
    request: HttpRequest, filters: Query[schemas.InstrumentFilters], page: Query[PageQuery]
) -> HttpResponse:
    qs = selectors.instrument_list(
        kind=filters.kind, symbol=filters.symbol, body=filters.body, party=filters.party
    )
    key: tuple[str, ...] | None = ("id",)
    if filters.q and filters.q.strip():
        qs = filter_queryset(qs, kind="instrument", query=filters.q.strip())
        if qs.query.order_by:
            # A ranking has no unique key to resume from: page by offset, ties broken by id.
            qs = qs.order_by(*qs.query.order_by, "id")
            key = None
    data = paginate_query(qs, page, key=key, rows=_instrument_rows).as_dict()
    # Already the documented shape (tests validate it against the schema), as for provisions.
    return JsonResponse(data)


def _instrument_rows(qs: QuerySet[Instrument]) -> list[dict]:
    """Read a page of instruments as plain rows: model instances cost more than the query."""
    language = get_language() or settings.LANGUAGE_CODE
    english = language.lower() == settings.LANGUAGE_CODE
    columns = schemas.INSTRUMENT_ROW + (() if english else schemas.INSTRUMENT_ROW_TRANSLATIONS)
    return [schemas.instrument_row_data(row, language) for row in qs.values(*columns)]


def _count_of(model: type[Model]) -> Subquery:
    """Count the rows of ``model`` that belong to the instrument, as a subquery of its own query.

    A bare ``COUNT(*)`` (no GROUP BY, no column) lets PostgreSQL count the index on
    ``instrument_id`` alone; tens of thousands of provisions then cost about a millisecond.
    """
    rows = (
        model.objects.filter(instrument=OuterRef("pk"))
        .order_by()
        .annotate(n=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("n")
    )
    return Subquery(rows, output_field=IntegerField())


@router.get(
    "/instruments/{instrument_id}",
    response={200: schemas.InstrumentDetailOut, **NOT_FOUND},
    summary="Show an instrument",
    description="An instrument with its relations both ways, its chain of revisions and "
    "corrigenda, and how many provisions, participants and statements it has.",
)
def instrument_detail(request: HttpRequest, instrument_id: int) -> dict:
    # The three counts ride on the instrument's own query; each walks one index range.
    instrument = (
        selectors.instruments_visible()
        .annotate(
            provisions_count=_count_of(Provision),
            participants_count=_count_of(Participation),
            statements_count=_count_of(Statement),
        )
        .filter(pk=instrument_id)
        .first()
    )
    if instrument is None:
        raise HttpError(404, _("No instrument with id %(id)s.") % {"id": instrument_id})
    relations = [
        schemas.relation_data(r, instrument) for r in selectors.relations_of_visible(instrument)
    ]
    revisions = list(selectors.instruments_visible().filter(revision_of=instrument).order_by("id"))
    # Most instruments are neither a revision nor revised: their chain is themselves alone.
    chain = (
        selectors.revision_chain(instrument)
        if revisions or instrument.revision_of_id
        else [instrument]
    )
    return {
        **schemas.instrument_data(instrument),
        "source_document": instrument.source_document,
        "source_url": instrument.source_url,
        "relations": relations,
        "revisions": [schemas.instrument_ref(i) for i in revisions],
        "revision_chain": [schemas.instrument_ref(i) for i in chain],
        "provisions_count": instrument.provisions_count,
        "participants_count": instrument.participants_count,
        "statements_count": instrument.statements_count,
    }


# Provisions -------------------------------------------------------------------------------


PROVISION_ROW = (
    "id",
    "instrument_id",
    "seq",
    "depth",
    "ref",
    "number",
    "kind",
    "verb",
    "heading",
    "text",
    "is_bracketed",
    "has_placeholder",
    "parent__ref",
)

_ADDRESSEES = Prefetch(
    "addressees", queryset=ProvisionAddressee.objects.select_related("party", "group", "body")
)


def _provision_rows(qs: QuerySet[Provision]) -> list[dict]:
    """Read a page of provisions (ordered by seq) as plain rows, their addressees in one query.

    An instrument can have tens of thousands of provisions; model instances and a prefetch
    per row cost several times the query itself, so long lists skip them.
    """
    language = get_language() or settings.LANGUAGE_CODE
    english = language == settings.LANGUAGE_CODE
    # English lives in the plain columns: skip decoding the translations nobody asked for.
    rows = list(qs.values(*PROVISION_ROW, *(() if english else ("translations",))))
    if not rows:
        return []
    addressees: dict[int, list[dict]] = defaultdict(list)
    # The page is a run of seq within one instrument: a range, not hundreds of ids to bind.
    found = (
        ProvisionAddressee.objects.filter(
            provision__instrument_id=rows[0]["instrument_id"],
            provision__seq__range=(rows[0]["seq"], rows[-1]["seq"]),
        )
        .order_by("provision_id", "label")
        .values_list("provision_id", "label", "party__code", "group__slug", "body__code")
    )
    for provision_id, label, party, group, body in found:
        addressees[provision_id].append(
            {"label": label, "party": party, "group": group, "body": body}
        )
    return [schemas.provision_row_data(row, addressees[row["id"]], language) for row in rows]


@router.get(
    "/instruments/{instrument_id}/provisions",
    response={200: Paged[schemas.ProvisionOut], **NOT_FOUND},
    summary="List an instrument's provisions",
    description="Every provision of the tree, flat, in document order (by `seq`); "
    "`parent` and `depth` rebuild the tree.",
)
def provision_list(
    request: HttpRequest, instrument_id: int, page: Query[PageQuery]
) -> HttpResponse:
    # Whether the instrument is visible, without reading it: the page needs only its id.
    if not selectors.instruments_visible().filter(pk=instrument_id).exists():
        raise HttpError(404, _("No instrument with id %(id)s.") % {"id": instrument_id})
    qs = Provision.objects.filter(instrument_id=instrument_id)
    data = paginate_query(qs, page, key=("seq",), rows=_provision_rows).as_dict()
    # Already the documented shape (tests validate it against the schema); skipping ninja's
    # validation and dump of up to 500 rows saves a sizeable share of the request.
    return JsonResponse(data)


@router.get(
    "/instruments/{instrument_id}/provisions/{ref}",
    response={200: schemas.ProvisionDetailOut, **NOT_FOUND},
    summary="Show a provision",
    description="A provision with its addressees, footnotes, the statements on it and the "
    "refs of the provisions directly under it.",
)
def provision_detail(request: HttpRequest, instrument_id: int, ref: Path[schemas.Code]) -> dict:
    instrument = _instrument_or_404(instrument_id)
    provision = (
        Provision.objects.filter(instrument=instrument, ref=ref)
        .select_related("parent", "instrument")
        .prefetch_related(_ADDRESSEES, "footnotes", "statements__party")
        .first()
    )
    if provision is None:
        raise HttpError(
            404,
            _("No provision %(ref)s in instrument %(id)s.") % {"ref": ref, "id": instrument_id},
        )
    children = list(selectors.provision_children(provision).values_list("ref", flat=True))
    return schemas.provision_detail_data(provision, children)


# Participation and statements -------------------------------------------------------------


@router.get(
    "/instruments/{instrument_id}/participants",
    response={200: Paged[schemas.ParticipantOut], **NOT_FOUND},
    summary="List an instrument's participants",
    description="Who endorsed, signed, ratified, acceded to or observes the instrument, and "
    "when; ordered by party name (then id).",
)
def participant_list(request: HttpRequest, instrument_id: int, page: Query[PageQuery]) -> dict:
    instrument = _instrument_or_404(instrument_id)
    qs = selectors.participants_of(instrument)
    return paginate_query(qs, page, key=("party__name", "id")).as_dict(schemas.participant_data)


@router.get(
    "/instruments/{instrument_id}/statements",
    response={200: Paged[schemas.StatementOut], **NOT_FOUND},
    summary="List the statements on an instrument",
    description="Reservations, interpretative statements, declarations and objections, with "
    "the refs of the provisions they concern; ordered by id (the order they were recorded).",
)
def statement_list(request: HttpRequest, instrument_id: int, page: Query[PageQuery]) -> dict:
    instrument = _instrument_or_404(instrument_id)
    qs = selectors.statements_of(instrument)
    return paginate_query(qs, page, key=("id",)).as_dict(schemas.statement_data)


@router.get(
    "/instruments/{instrument_id}/results-framework",
    response={200: list[schemas.ResultsNodeOut], **NOT_FOUND},
    summary="An instrument's results framework",
    description="The goal, outcomes, outputs and activities the instrument holds or prints, in "
    "framework order, each once with the provisions that print it. Empty when it has none.",
)
def results_framework(request: HttpRequest, instrument_id: int) -> list[dict]:
    instrument = _instrument_or_404(instrument_id)
    return [
        {
            "id": node.pk,
            "framework": node.framework_id,
            "level": node.level,
            "code": node.code,
            "parent": node.parent_id,
            "title": node.title,
            "printed_in": [{"instrument": p.instrument_id, "ref": p.ref} for p in node.printings],
        }
        for node in selectors.results_framework_of(instrument)
    ]
