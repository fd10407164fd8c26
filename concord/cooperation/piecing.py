"""Piecing replies together: every asset reported about one person, across every State.

For a person concerned, the requesting body's officers see each asset reported in any reply,
the holders whose names probably denote one entity (``concord.cooperation.matching``) with the
evidence for each suggestion, and the assets claimed both by a Court request and by a Security
Council sanctions freeze. An officer confirms or rejects each suggestion; confirmed matches
group the holders, rejected ones are never suggested again.
"""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concord.cooperation.matching import Name, Suggestion, groups, suggest
from concord.cooperation.models import (
    RESTRAINING_KINDS,
    Asset,
    HolderKind,
    MatchDecision,
    PersonConcerned,
    Verdict,
)

# Shown to the officer who must decide between a sanctions freeze and a Court request.
COMPETING_CLAIM_RULE = gettext_lazy(
    "Article 93, paragraph 9(b), of the Rome Statute and Article 103 of the Charter of the "
    "United Nations: where a request of the Court conflicts with an obligation under a "
    "Security Council measure, the requested State informs the Court and the Council; "
    "obligations under the Charter prevail."
)


def assets_of(person: PersonConcerned) -> list[Asset]:
    """Return every asset reported under any request concerning ``person``, in report order."""
    return list(
        Asset.objects.filter(request__person=person)
        .select_related("request__party", "reply")
        .prefetch_related("requests")
        .order_by("id")
    )


def _kind_of(asset: Asset) -> str:
    return "company" if asset.holder_kind == HolderKind.COMPANY else "person"


def names_of(assets: list[Asset]) -> list[Name]:
    return [
        Name(
            key=asset.pk,
            text=asset.holder_name,
            kind=_kind_of(asset),
            source=asset.request.party.name,
        )
        for asset in assets
    ]


def is_competing_claim(asset: Asset, visible: Collection[int] | None = None) -> bool:
    """Say whether a sanctions freeze and a Court request to restrain compete for ``asset``.

    ``visible`` (request ids) limits the requests considered to those the reader may see, so
    that the flag tells nobody of a request they may not know of.
    """
    return bool(asset.sanctions_measure) and any(
        request.kind in RESTRAINING_KINDS and (visible is None or request.pk in visible)
        for request in asset.requests.all()
    )


@dataclass
class Pieced:
    """What the officer sees of one person: assets, holder groups, open suggestions, claims."""

    person: PersonConcerned
    assets: list[Asset]
    holders: list[list[Name]]
    suggestions: list[Suggestion]
    competing: list[Asset]
    decisions: list[MatchDecision]


def pieced(person: PersonConcerned, visible: Collection[int] | None = None) -> Pieced:
    """Return what the officer sees of ``person``; ``visible`` as for ``is_competing_claim``."""
    assets = assets_of(person)
    names = names_of(assets)
    decisions = list(MatchDecision.objects.filter(person=person).select_related("decided_by"))
    confirmed = {
        frozenset((d.first_id, d.second_id)) for d in decisions if d.verdict == Verdict.CONFIRMED
    }
    decided = {frozenset((d.first_id, d.second_id)) for d in decisions}
    holders = groups(names, confirmed)
    merged = {frozenset((a.key, b.key)) for group in holders for a in group for b in group}
    open_suggestions = [
        s for s in suggest(names, rejected=decided) if frozenset((s.a.key, s.b.key)) not in merged
    ]
    return Pieced(
        person=person,
        assets=assets,
        holders=holders,
        suggestions=open_suggestions,
        competing=[asset for asset in assets if is_competing_claim(asset, visible)],
        decisions=decisions,
    )


@transaction.atomic
def match_decide(
    *, user: Any, person: PersonConcerned, first: int, second: int, verdict: str
) -> MatchDecision:
    """Record an officer's verdict that the holders of two assets are, or are not, one entity."""
    if not user.has_perm("cooperation.add_matchdecision", person):
        raise PermissionDenied
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Say whether the two are the same or not.")})
    low, high = sorted((first, second))
    known = set(
        Asset.objects.filter(request__person=person, pk__in=(low, high)).values_list(
            "pk", flat=True
        )
    )
    if low == high or known != {low, high}:
        raise ValidationError({"second": _("Two different assets of this person, please.")})
    decision = MatchDecision(
        person=person, first_id=low, second_id=high, verdict=verdict, decided_by=user
    )
    decision._history_user = user
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ValidationError({"second": _("These two have already been decided.")}) from None
    return decision
