"""A party's implementing legislation: finding it, the gaps it leaves, and the writes.

Legislation is public. It implements provisions of published instruments only: a provision of
a draft is nobody's obligation yet. A provision that binds parties and that no legislation of
a party in force implements is that party's gap.

Search (``q``) reads title and summary through the project's search interface
(``concord.search.engine``): FTS5 on SQLite, a generated ``tsvector`` with a GIN index on
PostgreSQL, read as the rest of search reads a query (stemming, quoted phrases), best match first.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.directory.contacts import check_languages
from concord.directory.models import Legislation
from concord.registry.models import Instrument, Party, Provision, ProvisionKind
from concord.search import engine

# The kinds of provision that oblige or urge parties to act; sections and headings do not.
BINDING_KINDS = (
    ProvisionKind.ARTICLE,
    ProvisionKind.OPERATIVE,
    ProvisionKind.RECOMMENDED_ACTION,
    ProvisionKind.RECOMMENDATION,
)

# Selectors ----------------------------------------------------------------------------------


def in_force_filter(on: dt.date, prefix: str = "") -> Q:
    """Legislation in force ``on``: in force from then or earlier (or unknown), not repealed.

    A law whose dates are unknown counts as in force: it was recorded because it applies.
    """
    return (
        Q(**{f"{prefix}in_force_on__isnull": True}) | Q(**{f"{prefix}in_force_on__lte": on})
    ) & (Q(**{f"{prefix}repealed_on__isnull": True}) | Q(**{f"{prefix}repealed_on__gt": on}))


def is_in_force(law: Legislation, on: dt.date) -> bool:
    """Say whether ``law`` is in force ``on``, as ``in_force_filter`` asks the database."""
    begun = law.in_force_on is None or law.in_force_on <= on
    return begun and (law.repealed_on is None or law.repealed_on > on)


def _with_provisions(qs: QuerySet[Legislation]) -> QuerySet[Legislation]:
    implemented = Provision.objects.select_related("instrument").order_by("instrument_id", "seq")
    return qs.select_related("party").prefetch_related(Prefetch("provisions", implemented))


def legislation_search(
    *,
    party: str | None = None,
    provision: int | None = None,
    instrument: int | None = None,
    ref: str | None = None,
    kind: str | None = None,
    in_force_on: dt.date | None = None,
    q: str | None = None,
) -> QuerySet[Legislation]:
    """Return the legislation matching every filter given, best match first when searching.

    ``party`` is a party's code; ``provision`` a provision's id, or ``instrument`` (an id) with
    ``ref`` one of its provisions, or ``instrument`` alone any of them.
    """
    qs = Legislation.objects.all()
    if party:
        qs = qs.filter(party__code=party)
    if kind:
        qs = qs.filter(kind=kind)
    if in_force_on:
        qs = qs.filter(in_force_filter(in_force_on))
    implemented = Q()
    if provision:
        implemented &= Q(provision_id=provision)
    if instrument:
        implemented &= Q(provision__instrument_id=instrument)
    if ref:
        implemented &= Q(provision__ref=ref)
    if implemented:
        links = Legislation.provisions.through.objects.filter(implemented)
        qs = qs.filter(pk__in=links.values("legislation_id"))
    if q is not None:
        # Nothing for a query with no word in it; ties in rank by id.
        qs = engine.filter_queryset(qs, kind="legislation", query=q)
    return _with_provisions(qs)


def gaps(party: Party, instrument: Instrument, *, on: dt.date | None = None) -> QuerySet[Provision]:
    """Return the binding provisions of ``instrument`` no legislation of ``party`` in force
    implements (``on`` today), in document order."""
    on = on or timezone.localdate()
    links = Legislation.provisions.through.objects.filter(
        Q(legislation__party=party) & in_force_filter(on, "legislation__"),
        provision__instrument=instrument,
    )
    return (
        Provision.objects.filter(instrument=instrument, kind__in=BINDING_KINDS)
        .exclude(pk__in=links.values("provision_id"))
        .order_by("seq")
    )


# What the API shows -------------------------------------------------------------------------


def provision_data(provision: Provision) -> dict[str, Any]:
    return {"id": provision.pk, "instrument": provision.instrument_id, "ref": provision.ref}


def legislation_data(law: Legislation) -> dict[str, Any]:
    """Return a law as the API shows it (its provisions as prefetched)."""
    return {
        "id": law.pk,
        "party": law.party.code,
        "party_name": law.party.name,
        **{name: getattr(law, name) for name in ("title", "kind", "summary", "url", "language")},
        "adopted_on": law.adopted_on,
        "in_force_on": law.in_force_on,
        "repealed_on": law.repealed_on,
        "provisions": [provision_data(p) for p in law.provisions.all()],
    }


# Lookups by what a person writes ------------------------------------------------------------


def published_instrument(instrument_id: int, field: str = "instrument") -> Instrument:
    instrument = Instrument.objects.published().filter(pk=instrument_id).first()
    if instrument is None:
        raise ValidationError(
            {field: _("No published instrument with id %(id)s.") % {"id": instrument_id}}
        )
    return instrument


def provisions_named(instrument_id: int, refs: Iterable[str]) -> list[Provision]:
    """Return the provisions of a published instrument with these references."""
    instrument = published_instrument(instrument_id, "provisions")
    refs = set(refs)
    found = list(Provision.objects.filter(instrument=instrument, ref__in=refs))
    unknown = refs - {p.ref for p in found}
    if unknown:
        raise ValidationError(
            {
                "provisions": _("No provisions %(refs)s in instrument %(id)s.")
                % {"refs": ", ".join(sorted(unknown)), "id": instrument_id}
            }
        )
    return found


# Writes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegislationContent:
    """What a law is, as a person writes it, and the provisions it implements."""

    title: str
    kind: str
    summary: str = ""
    adopted_on: dt.date | None = None
    in_force_on: dt.date | None = None
    repealed_on: dt.date | None = None
    url: str = ""
    language: str = ""
    provisions: Sequence[Provision] = ()


def check_provisions(provisions: Iterable[Provision]) -> None:
    """Refuse provisions of an instrument that is not published."""
    ids = {p.instrument_id for p in provisions}
    published = set(Instrument.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
    if ids - published:
        raise ValidationError(
            {"provisions": _("Legislation implements provisions of published instruments only.")}
        )


def _legislation_write(law: Legislation, *, user: Any, content: LegislationContent) -> Legislation:
    for name in ("title", "kind", "summary", "url"):
        setattr(law, name, getattr(content, name).strip())
    law.language = (check_languages([content.language], field="language") or [""])[0]
    law.adopted_on = content.adopted_on
    law.in_force_on = content.in_force_on
    law.repealed_on = content.repealed_on
    check_provisions(content.provisions)
    law.full_clean()
    law._history_user = user
    law.save()
    law.provisions.set(content.provisions)
    return law


@transaction.atomic
def legislation_create(*, user: Any, party: Party, content: LegislationContent) -> Legislation:
    """Record a law of ``party`` (its focal points, or the secretariat)."""
    law = Legislation(party=party)
    if not user.has_perm("directory.add_legislation", law):
        raise PermissionDenied
    return _legislation_write(law, user=user, content=content)


@transaction.atomic
def legislation_update(
    *, legislation: Legislation, user: Any, content: LegislationContent
) -> Legislation:
    """Replace what a law says and the provisions it implements."""
    locked = Legislation.objects.select_for_update().select_related("party").get(pk=legislation.pk)
    if not user.has_perm("directory.change_legislation", locked):
        raise PermissionDenied
    return _legislation_write(locked, user=user, content=content)
