"""Best practices: the lists that read them, and the secretariat's writes.

Best practices are public; any secretariat records and changes them
(``directory.add_bestpractice``). A practice names the provisions it serves; a reader sees only
those of instruments published or in their secretariat scope, and a writer may link only those.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from concord.accounts.selectors import instruments_open_to
from concord.directory.meetings import parties_named
from concord.directory.models import BestPractice
from concord.registry.models import Party, Provision

ProvisionRef = tuple[int, str]  # (instrument id, provision reference)

# What a reader sees ---------------------------------------------------------------------------


def provisions_open_to(user: Any) -> QuerySet[Provision]:
    """Return the provisions of instruments published or in ``user``'s secretariat scope."""
    return Provision.objects.filter(instrument__in=instruments_open_to(user))


def practices_with_links(user: Any = None) -> QuerySet[BestPractice]:
    """Return practices with their parties and the provisions ``user`` may see (published
    ones only, without a user)."""
    provisions = provisions_open_to(user).select_related("instrument").order_by("instrument", "seq")
    return BestPractice.objects.prefetch_related(
        Prefetch("parties", queryset=Party.objects.order_by("name")),
        Prefetch("provisions", queryset=provisions),
    )


def practice_list(
    qs: QuerySet[BestPractice] | None = None,
    *,
    user: Any = None,
    party: str | None = None,
    instrument: int | None = None,
    ref: str | None = None,
    q: str | None = None,
) -> QuerySet[BestPractice]:
    """Filter practices: from a party (by code), serving an instrument's provisions (one
    provision, with ``ref``) that ``user`` may see, or with words in the title or description."""
    qs = BestPractice.objects.all() if qs is None else qs
    through = BestPractice.provisions.through.objects
    if party:
        parties = BestPractice.parties.through.objects.filter(party__code=party)
        qs = qs.filter(pk__in=parties.values("bestpractice_id"))
    if instrument or ref:
        served = provisions_open_to(user)
        if instrument:
            served = served.filter(instrument_id=instrument)
        if ref:
            served = served.filter(ref=ref)
        qs = qs.filter(pk__in=through.filter(provision__in=served).values("bestpractice_id"))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return qs


def practice_data(practice: BestPractice) -> dict:
    """Return a practice as the API shows it (its provisions as far as prefetched)."""
    return {
        "id": practice.pk,
        "title": practice.title,
        "description": practice.description,
        "parties": [p.code for p in practice.parties.all()],
        "provisions": [
            {"instrument": p.instrument_id, "ref": p.ref} for p in practice.provisions.all()
        ],
        "source": practice.source,
        "source_url": practice.source_url,
    }


# Writes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeContent:
    """What a practice says, as a person writes it: parties' codes, provisions by instrument
    id and reference."""

    title: str
    description: str
    parties: Sequence[str] = ()
    provisions: Sequence[ProvisionRef] = ()
    source: str = ""
    source_url: str = ""


def practice_content(practice: BestPractice) -> PracticeContent:
    """Return what ``practice`` says now, every link included (to apply a partial change to)."""
    links = BestPractice.provisions.through.objects.filter(bestpractice_id=practice.pk)
    return PracticeContent(
        title=practice.title,
        description=practice.description,
        parties=sorted(
            BestPractice.parties.through.objects.filter(bestpractice_id=practice.pk).values_list(
                "party__code", flat=True
            )
        ),
        provisions=sorted(links.values_list("provision__instrument_id", "provision__ref")),
        source=practice.source,
        source_url=practice.source_url,
    )


def content_changed(content: PracticeContent, changes: dict[str, Any]) -> PracticeContent:
    """Return ``content`` with the ``changes`` a partial update gives (unknown names ignored)."""
    names = {f.name for f in fields(PracticeContent)}
    return replace(content, **{k: v for k, v in changes.items() if k in names})


def provisions_named(user: Any, refs: Iterable[ProvisionRef]) -> list[Provision]:
    """Return the provisions named, if all are of instruments ``user`` may see."""
    refs = set(refs)
    if not refs:
        return []
    wanted = Q()
    for instrument, ref in refs:
        wanted |= Q(instrument_id=instrument, ref=ref)
    found = list(provisions_open_to(user).filter(wanted))
    unknown = refs - {(p.instrument_id, p.ref) for p in found}
    if unknown:
        listed = ", ".join(f"{instrument}/{ref}" for instrument, ref in sorted(unknown))
        raise ValidationError(
            {"provisions": _("No published provision %(refs)s.") % {"refs": listed}}
        )
    return found


def _practice_write(practice: BestPractice, *, user: Any, content: PracticeContent) -> None:
    parties = parties_named(content.parties, "parties")
    links = BestPractice.provisions.through.objects.filter(bestpractice_id=practice.pk or 0)
    linked = {
        (instrument, ref): pk
        for pk, instrument, ref in links.values_list(
            "provision_id", "provision__instrument_id", "provision__ref"
        )
    }
    given = {(int(instrument), str(ref)) for instrument, ref in content.provisions}
    new = [p.pk for p in provisions_named(user, given - linked.keys())]
    # Provisions the writer cannot see stay linked: nobody unlinks what they do not know of.
    seen = set(provisions_open_to(user).filter(pk__in=linked.values()).values_list("pk", flat=True))
    kept = [pk for key, pk in linked.items() if key in given or pk not in seen]
    practice.title = content.title.strip()
    practice.description = content.description.strip()
    practice.source = content.source.strip()
    practice.source_url = content.source_url.strip()
    practice.full_clean()
    practice._history_user = user
    practice.save()
    practice.parties.set(parties)
    practice.provisions.set([*new, *kept])


@transaction.atomic
def practice_create(*, user: Any, content: PracticeContent) -> BestPractice:
    """Record a best practice (the secretariat)."""
    practice = BestPractice()
    if not user.has_perm("directory.add_bestpractice", practice):
        raise PermissionDenied
    _practice_write(practice, user=user, content=content)
    return practice


@transaction.atomic
def practice_update(*, practice: BestPractice, user: Any, content: PracticeContent) -> BestPractice:
    """Replace what a best practice says (the secretariat)."""
    if not user.has_perm("directory.change_bestpractice", practice):
        raise PermissionDenied
    locked = BestPractice.objects.select_for_update().get(pk=practice.pk)
    _practice_write(locked, user=user, content=content)
    return locked
