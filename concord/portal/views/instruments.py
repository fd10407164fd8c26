from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from concord.portal.forms import InstrumentFilterForm, filters_of
from concord.portal.views.pages import page, paginate
from concord.registry import selectors
from concord.registry.models import Footnote, Instrument, Provision, ResultsNode, Statement
from concord.search.engine import filter_queryset


def instrument_list(request: HttpRequest) -> HttpResponse:
    form = InstrumentFilterForm(
        request.GET,
        bodies=list(selectors.body_list()),
        parties=list(selectors.party_list()),
    )
    filters = filters_of(form)
    query = filters.pop("q", "")
    instruments = selectors.instrument_list(**filters)
    if query:
        instruments = filter_queryset(instruments, kind="instrument", query=query)
    return page(
        request,
        "portal/instruments/list.html",
        {"form": form, "filtered": bool(filters or query), "page": paginate(request, instruments)},
        section="instruments",
    )


@dataclass
class ProvisionNode:
    """A provision with what the instrument page shows beside it."""

    provision: Provision
    children: list["ProvisionNode"] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


@dataclass
class FrameworkTable:
    """A results framework as a table: a row per node, a column per instrument printing it."""

    instruments: list[Instrument]
    rows: list[tuple[ResultsNode, list[tuple[Instrument, Provision | None]]]]


def framework_table(nodes: list[ResultsNode]) -> FrameworkTable | None:
    """Lay out nodes (with their ``printings``) so that a node one instrument omits shows."""
    if not nodes:
        return None
    instruments: dict[int, Instrument] = {}
    for node in nodes:
        for provision in node.printings:
            instruments.setdefault(provision.instrument_id, provision.instrument)
    rows = []
    for node in nodes:
        printed = {p.instrument_id: p for p in reversed(node.printings)}
        rows.append((node, [(i, printed.get(pk)) for pk, i in instruments.items()]))
    return FrameworkTable(list(instruments.values()), rows)


def provision_tree(
    provisions: list[Provision], statements: list[Statement], footnotes: list[Footnote]
) -> list[ProvisionNode]:
    """Nest provisions (given in document order) under their parents; return the roots."""
    nodes = {p.pk: ProvisionNode(p) for p in provisions}
    roots = []
    for provision in provisions:
        node = nodes[provision.pk]
        parent = nodes.get(provision.parent_id)
        (parent.children if parent else roots).append(node)
    for statement in statements:
        for provision in statement.provisions.all():
            if provision.pk in nodes:
                nodes[provision.pk].statements.append(statement)
    for footnote in footnotes:
        if footnote.provision_id in nodes:
            nodes[footnote.provision_id].footnotes.append(footnote)
    return roots


def attach_sources(records: list[Model]) -> None:
    """Give each record a ``sources`` list: the citations of where its facts come from."""
    citations = selectors.citations_of(records)
    for record in records:
        content_type = ContentType.objects.get_for_model(record)
        record.sources = citations.get((content_type.pk, record.pk), [])


def instrument_detail(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = selectors.instrument_get(instrument_id)
    provisions = list(selectors.provisions_of(instrument))
    statements = list(selectors.statements_of(instrument))
    participants = list(selectors.participants_of(instrument))
    footnotes = list(selectors.footnotes_of(instrument))
    outgoing, incoming = selectors.relations_of(instrument)
    attach_sources([instrument, *participants, *statements])
    return page(
        request,
        "portal/instruments/detail.html",
        {
            "instrument": instrument,
            "tree": provision_tree(provisions, statements, footnotes),
            "provision_count": len(provisions),
            "participants": participants,
            "statements": statements,
            "footnotes": footnotes,
            "outgoing": list(outgoing),
            "incoming": list(incoming),
            "chain": selectors.revision_chain(instrument),
            "framework": framework_table(selectors.results_framework_of(instrument)),
        },
        section="instruments",
    )


def provision_detail(request: HttpRequest, instrument_id: int, ref: str) -> HttpResponse:
    instrument = selectors.instrument_get(instrument_id)
    provision = selectors.provision_get(instrument, ref)
    attach_sources([provision])
    return page(
        request,
        "portal/instruments/provision.html",
        {
            "instrument": instrument,
            "provision": provision,
            "ancestors": selectors.provision_ancestors(provision),
            "children": list(selectors.provision_children(provision)),
            "also_printed": selectors.other_printings(provision),
        },
        section="instruments",
    )
