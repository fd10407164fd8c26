"""Reads of the registry that pages, the API and exports share.

Every read that the public can reach starts from ``instruments_visible`` so nothing unpublished
leaks; lists fetch their related rows up front so a page costs a fixed number of queries.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

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
    Provision,
    Publication,
    ResultsNode,
    Statement,
)


def _statement_provisions() -> Prefetch:
    """Prefetch the provisions a statement concerns, which may lie in another instrument.

    A statement on a decision can name paragraphs of the addendum annexed to it; a provision of an
    instrument that is not published is left out, as it is everywhere else.
    """
    return Prefetch(
        "provisions",
        queryset=Provision.objects.filter(instrument__publication=Publication.PUBLISHED)
        .only("id", "ref", "seq", "instrument_id")
        .order_by("instrument_id", "seq"),
    )


def instruments_visible(*, include_unpublished: bool = False) -> QuerySet[Instrument]:
    """Return the instruments the caller may see: published ones, unless told otherwise."""
    qs = Instrument.objects.select_related("body", "revision_of")
    return qs if include_unpublished else qs.published()


def instrument_list(
    *,
    kind: str | None = None,
    symbol: str | None = None,
    body: str | None = None,
    party: str | None = None,
    include_unpublished: bool = False,
) -> QuerySet[Instrument]:
    qs = instruments_visible(include_unpublished=include_unpublished)
    if kind:
        qs = qs.filter(kind=kind)
    if symbol:
        qs = qs.filter(symbol__iexact=symbol.strip())
    if body:
        qs = qs.filter(body__code=body)
    if party:
        qs = qs.filter(participations__party__code=party).distinct()
    return qs


def instrument_get(instrument_id: int, *, include_unpublished: bool = False) -> Instrument:
    """Return one visible instrument or raise Http404 (unpublished ones do not exist publicly)."""
    return get_object_or_404(
        instruments_visible(include_unpublished=include_unpublished), pk=instrument_id
    )


def provisions_of(instrument: Instrument) -> QuerySet[Provision]:
    """Return the instrument's provisions in document order, with their addressees."""
    return (
        Provision.objects.filter(instrument=instrument)
        .select_related("parent")
        .prefetch_related("addressees")
        .order_by("seq")
    )


def provision_get(instrument: Instrument, ref: str) -> Provision:
    return get_object_or_404(
        Provision.objects.select_related("parent", "instrument", "results_node").prefetch_related(
            "addressees",
            "footnotes",
            # A statement on an unpublished instrument may name a published provision.
            Prefetch(
                "statements",
                queryset=Statement.objects.filter(
                    instrument__publication=Publication.PUBLISHED
                ).select_related("party"),
            ),
        ),
        instrument=instrument,
        ref=ref,
    )


def participants_of(instrument: Instrument) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(instrument=instrument)
        .select_related("party")
        .order_by(F("start_earliest").asc(nulls_last=True), "party__name")
    )


def statements_of(instrument: Instrument) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(instrument=instrument)
        .select_related("party")
        .prefetch_related(_statement_provisions())
    )


def party_list(*, group: str | None = None, kind: str | None = None) -> QuerySet[Party]:
    qs = Party.objects.all()
    if group:
        qs = qs.filter(memberships__group__slug=group).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def party_get(code: str) -> Party:
    return get_object_or_404(
        Party.objects.prefetch_related("aliases", "memberships__group"), code__iexact=code
    )


def participation_of_party(party: Party, *, include_unpublished: bool = False):
    instruments = instruments_visible(include_unpublished=include_unpublished)
    return (
        Participation.objects.filter(party=party, instrument__in=instruments)
        .select_related("instrument", "instrument__body")
        .order_by("start_earliest")
    )


def statements_of_party(party: Party, *, include_unpublished: bool = False):
    instruments = instruments_visible(include_unpublished=include_unpublished)
    return (
        Statement.objects.filter(party=party, instrument__in=instruments)
        .select_related("instrument")
        .prefetch_related(_statement_provisions())
    )


def group_list() -> QuerySet[Group]:
    return Group.objects.all()


def group_get(slug: str) -> Group:
    return get_object_or_404(
        Group.objects.prefetch_related(
            Prefetch(
                "memberships",
                queryset=GroupMembership.objects.select_related("party").order_by("party__name"),
            )
        ),
        slug=slug,
    )


# --- Reads added for the portal and open data -------------------------------------------------


def registry_counts() -> dict[str, int]:
    """Count the instruments, provisions, parties, participation and statements shown publicly."""
    instruments = instruments_visible()
    return {
        "instruments": instruments.count(),
        "provisions": Provision.objects.filter(instrument__in=instruments).count(),
        "parties": Party.objects.count(),
        "participation": Participation.objects.filter(instrument__in=instruments).count(),
        "statements": Statement.objects.filter(instrument__in=instruments).count(),
    }


def body_list() -> QuerySet[Body]:
    return Body.objects.select_related("parent", "party")


def body_get(code: str) -> Body:
    return get_object_or_404(
        Body.objects.select_related("parent", "party").prefetch_related("organs"), code=code
    )


def revision_chain(instrument: Instrument) -> list[Instrument]:
    """Return the visible revisions and corrigenda of an instrument, oldest first, itself included.

    Chains are a handful of documents long, so walking them one query a step is cheap.
    """
    visible = instruments_visible()
    chain = [instrument]
    current = instrument
    while current.revision_of_id and len(chain) < 50:
        current = visible.filter(pk=current.revision_of_id).first()
        if current is None:
            break
        chain.insert(0, current)
    current = instrument
    while len(chain) < 50:
        current = visible.filter(revision_of=current).order_by("adopted_earliest", "pk").first()
        if current is None:
            break
        chain.append(current)
    return chain


def relations_of(
    instrument: Instrument,
) -> tuple[QuerySet[InstrumentRelation], QuerySet[InstrumentRelation]]:
    """Return the relations from and to an instrument, with visible instruments at the far end."""
    visible = instruments_visible()
    outgoing = InstrumentRelation.objects.filter(
        source=instrument, target__in=visible
    ).select_related("target")
    incoming = InstrumentRelation.objects.filter(
        target=instrument, source__in=visible
    ).select_related("source")
    return outgoing, incoming


def footnotes_of(instrument: Instrument) -> QuerySet[Footnote]:
    return Footnote.objects.filter(instrument=instrument).select_related("provision")


def citations_of(records: Iterable[models.Model]) -> dict[tuple[int, int], list[Citation]]:
    """Return the citations of many records, keyed by (content type id, object id), in one query."""
    wanted: dict[int, set[int]] = {}
    for record in records:
        content_type = ContentType.objects.get_for_model(record)
        wanted.setdefault(content_type.pk, set()).add(record.pk)
    if not wanted:
        return {}
    condition = Q()
    for content_type_id, ids in wanted.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    found: dict[tuple[int, int], list[Citation]] = {}
    for citation in Citation.objects.filter(condition):
        found.setdefault((citation.content_type_id, citation.object_id), []).append(citation)
    return found


def provisions_visible() -> QuerySet[Provision]:
    return (
        Provision.objects.filter(instrument__in=instruments_visible())
        .select_related("instrument", "parent")
        .prefetch_related("addressees")
        .order_by("instrument_id", "seq")
    )


def participation_visible() -> QuerySet[Participation]:
    return (
        Participation.objects.filter(instrument__in=instruments_visible())
        .select_related("instrument", "party")
        .order_by("instrument_id", "start_earliest", "party__name")
    )


def statements_visible() -> QuerySet[Statement]:
    return (
        Statement.objects.filter(instrument__in=instruments_visible())
        .select_related("instrument", "party")
        .prefetch_related(_statement_provisions())
        .order_by("instrument_id", "label", "party__name")
    )


def memberships_all() -> QuerySet[GroupMembership]:
    return GroupMembership.objects.select_related("group", "party").order_by(
        "group__slug", "party__name", "since_earliest"
    )


def provision_ancestors(provision: Provision) -> list[Provision]:
    """Return the provisions that contain this one, outermost first."""
    ancestors: list[Provision] = []
    current = provision.parent
    while current is not None and len(ancestors) < 50:
        ancestors.insert(0, current)
        current = (
            Provision.objects.filter(pk=current.parent_id).first() if current.parent_id else None
        )
    return ancestors


def provision_children(provision: Provision) -> QuerySet[Provision]:
    return Provision.objects.filter(parent=provision).order_by("seq")


# --- Reads added for the API at scale -----------------------------------------------------------


def relations_of_visible(instrument: Instrument) -> list[InstrumentRelation]:
    """Return what ``relations_of`` returns, outgoing then incoming, in one query.

    The far end is checked by a join on its publication rather than ``IN (visible ids)``, which
    SQLite builds as a list of every published instrument for each call.
    """
    published = Publication.PUBLISHED
    outward = models.Case(
        models.When(source=instrument, then=models.Value(0)), default=models.Value(1)
    )
    return list(
        InstrumentRelation.objects.filter(
            Q(source=instrument, target__publication=published)
            | Q(target=instrument, source__publication=published)
        )
        .select_related("source", "target")
        .annotate(outward=outward)
        # The order relations_of gives: Meta.ordering ("source", "kind") expands "source" to
        # the instrument's own ordering.
        .order_by("outward", "-source__adopted_earliest", "source__title", "kind")
    )


# --- Results frameworks ---------------------------------------------------------------------


def results_framework_of(instrument: Instrument) -> list[ResultsNode]:
    """Return the results framework an instrument holds or prints, nodes in framework order.

    A work plan annexed to a strategy prints the strategy's framework: either page shows the
    whole framework. Each node gets ``depth`` (0 for the goal) and ``printings``: the published
    provisions that print it, in any instrument.
    """
    owner_ids = set(
        ResultsNode.objects.filter(provisions__instrument=instrument).values_list(
            "framework_id", flat=True
        )
    )
    if ResultsNode.objects.filter(framework=instrument).exists():
        owner_ids = {instrument.pk}
    owners = instruments_visible().filter(pk__in=owner_ids)
    nodes = list(
        ResultsNode.objects.filter(framework__in=owners)
        .order_by("framework_id", "seq")
        .prefetch_related(
            Prefetch(
                "provisions",
                queryset=Provision.objects.filter(instrument__publication=Publication.PUBLISHED)
                .select_related("instrument")
                .only(
                    "id", "ref", "number", "instrument_id", "results_node_id", "instrument__title"
                )
                .order_by("instrument_id", "seq"),
                to_attr="printings",
            )
        )
    )
    depth: dict[int, int] = {}
    for node in nodes:
        node.depth = depth[node.parent_id] + 1 if node.parent_id in depth else 0
        depth[node.pk] = node.depth
    return nodes


def other_printings(provision: Provision) -> list[Provision]:
    """Return the published provisions that print the same results-framework node, elsewhere."""
    if provision.results_node_id is None:
        return []
    return list(
        Provision.objects.filter(
            results_node_id=provision.results_node_id,
            instrument__publication=Publication.PUBLISHED,
        )
        .exclude(pk=provision.pk)
        .select_related("instrument")
        .order_by("instrument_id", "seq")
    )
