"""Reads of the registry that pages, the API and exports share.

Every read that the public can reach starts from ``instruments_visible`` so nothing unpublished
leaks; lists fetch their related rows up front so a page costs a fixed number of queries.
"""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from concord.registry.models import (
    Group,
    GroupMembership,
    Instrument,
    Participation,
    Party,
    Provision,
    Statement,
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
        Provision.objects.select_related("parent", "instrument").prefetch_related(
            "addressees", "footnotes", "statements__party"
        ),
        instrument=instrument,
        ref=ref,
    )


def participants_of(instrument: Instrument) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(instrument=instrument)
        .select_related("party")
        .order_by("start_earliest", "party__name")
    )


def statements_of(instrument: Instrument) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(instrument=instrument)
        .select_related("party")
        .prefetch_related(Prefetch("provisions", queryset=Provision.objects.only("id", "ref")))
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
        .prefetch_related(Prefetch("provisions", queryset=Provision.objects.only("id", "ref")))
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
