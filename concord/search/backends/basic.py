"""Any other database: a case-insensitive substring match, unranked, so search still answers."""

from collections.abc import Callable, Collection
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, QuerySet

from concord.search import query as parse


def install(execute: Callable[[str], Any], *, tables: Collection[str]) -> None:
    pass


def uninstall(execute: Callable[[str], Any], *, tables: Collection[str]) -> None:
    pass


def repair(connection: BaseDatabaseWrapper) -> list[str]:
    return []


def _condition(kind: str, text: str) -> Q:
    condition = Q()
    for phrase in parse.phrases(text):
        if kind == "instrument":
            condition &= Q(title__icontains=phrase) | Q(symbol__icontains=phrase)
        elif kind == "provision":
            condition &= Q(heading__icontains=phrase) | Q(text__icontains=phrase)
        elif kind == "legislation":
            condition &= Q(title__icontains=phrase) | Q(summary__icontains=phrase)
        else:
            named = Q(name__icontains=phrase) | Q(aliases__name__icontains=phrase)
            condition &= named | Q(code__iexact=phrase)
    return condition


def filter_queryset(qs: QuerySet, *, kind: str, query: str) -> QuerySet:
    if not parse.phrases(query):
        return qs.none()
    return qs.filter(_condition(kind, query)).distinct()


def _queryset(kind: str, text: str, include_unpublished: bool) -> QuerySet:
    from concord.registry.models import Party, Provision
    from concord.registry.selectors import instruments_visible

    instruments = instruments_visible(include_unpublished=include_unpublished)
    if kind == "instrument":
        qs = instruments
    elif kind == "provision":
        qs = Provision.objects.filter(instrument__in=instruments).select_related("instrument")
    else:
        qs = Party.objects.all()
    return filter_queryset(qs, kind=kind, query=text).order_by("pk")


def hits(kind: str, text: str, *, limit: int, include_unpublished: bool) -> list[dict]:
    rows = _queryset(kind, text, include_unpublished)[:limit]
    if kind == "instrument":
        return [
            {"id": i.pk, "title": i.title, "snippet": i.symbol, "rank": 1.0, "instrument_id": i.pk}
            for i in rows
        ]
    if kind == "provision":
        return [
            {
                "id": p.pk,
                "title": f"{p.ref}, {p.instrument.title}",
                "snippet": p.text[:200] or p.heading,
                "rank": 1.0,
                "instrument_id": p.instrument_id,
                "ref": p.ref,
            }
            for p in rows
        ]
    return [
        {
            "id": p.pk,
            "title": p.name,
            "snippet": p.official_name or p.code,
            "rank": 1.0,
            "party_code": p.code,
        }
        for p in rows
    ]


def count(kind: str, text: str, *, include_unpublished: bool, cap: int) -> int:
    return _queryset(kind, text, include_unpublished).order_by().values("pk")[: cap + 1].count()
