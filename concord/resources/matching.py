"""Matching partners' priorities against countries' and projects' needs (pure logic).

A priority covers a need when everything the priority names fits the need, as far as the need
says (a need that names no result says nothing against a priority on a result), and at least one
of them fits for a reason:

- its result is one the need serves (``same_node``), or above one (``need_under``: the need's
  result is part of what the partner funds), or under one (``priority_under``: the partner funds
  a part of it);
- its provision is one the need's reform project serves (``same_provision``);
- its country is the need's (``same_country``);
- its SDG target is one the need serves (``same_target``), or of the same goal (``same_goal``;
  another goal's target rules the priority out).

Money moves through a funding modality: a *financial* need is covered only by a priority that
names one (``modality``). Technical assistance and help in kind may be given directly or paid
through a modality, so any priority may cover them, and a modality is no reason in itself.
When both the need and the priority are dated, their spans must overlap (``dates``); an open
end is open.

Each reason weighs ``WEIGHTS``; a match's score is their sum, and matches are ranked by score.
Seed 000's donor coordination: a match is flagged ``duplicate`` when another partner already
funds the need (a contribution tied to it, from approval on).

The functions down to ``uncovered`` touch no database; those after them read the facts from it
and say the reasons in words.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SAME_NODE = "same_node"
NEED_UNDER = "need_under"
PRIORITY_UNDER = "priority_under"
SAME_PROVISION = "same_provision"
SAME_COUNTRY = "same_country"
SAME_TARGET = "same_target"
SAME_GOAL = "same_goal"
MODALITY = "modality"
DATES = "dates"

WEIGHTS = {
    SAME_NODE: 40,
    NEED_UNDER: 30,
    PRIORITY_UNDER: 20,
    SAME_PROVISION: 30,
    SAME_COUNTRY: 30,
    SAME_TARGET: 20,
    SAME_GOAL: 8,
    MODALITY: 10,
    DATES: 5,
}
# The reasons that say what a need is about; a modality or dates alone match nothing.
SUBSTANTIVE = {
    SAME_NODE,
    NEED_UNDER,
    PRIORITY_UNDER,
    SAME_PROVISION,
    SAME_COUNTRY,
    SAME_TARGET,
    SAME_GOAL,
}
FINANCIAL = "financial"


@dataclass(frozen=True)
class NeedFacts:
    id: int
    kind: str
    country: int | None = None
    nodes: frozenset[int] = frozenset()
    provisions: frozenset[int] = frozenset()
    sdg_targets: frozenset[str] = frozenset()
    starts_on: date | None = None
    ends_on: date | None = None
    # The partners who already fund it.
    funders: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PriorityFacts:
    id: int
    partner: int
    node: int | None = None
    provision: int | None = None
    sdg_target: str = ""
    country: int | None = None
    modality: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True)
class Reason:
    """Why a priority covers a need; ``node`` is the need's result it concerns, if any."""

    code: str
    node: int | None = None


@dataclass(frozen=True)
class Match:
    need: int
    priority: int
    partner: int
    reasons: tuple[Reason, ...]
    # The other partners that already fund the need: it would be funded twice.
    duplicate_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def score(self) -> int:
        return sum(WEIGHTS[reason.code] for reason in self.reasons)

    @property
    def duplicate(self) -> bool:
        return bool(self.duplicate_of)


def ancestors(node: int, parents: Mapping[int, int | None]) -> list[int]:
    """The nodes above ``node``, nearest first (a loop in bad data stops the walk)."""
    found: list[int] = []
    parent = parents.get(node)
    while parent is not None and parent not in found and parent != node:
        found.append(parent)
        parent = parents.get(parent)
    return found


def spans_overlap(
    first: tuple[date | None, date | None], second: tuple[date | None, date | None]
) -> bool:
    """Whether two spans share a day; an end left open is open."""
    (start_a, end_a), (start_b, end_b) = first, second
    return (start_a is None or end_b is None or start_a <= end_b) and (
        start_b is None or end_a is None or start_b <= end_a
    )


def _node_reason(need: NeedFacts, node: int, parents: Mapping[int, int | None]) -> Reason | None:
    if node in need.nodes:
        return Reason(SAME_NODE, node)
    for served in sorted(need.nodes):
        if node in ancestors(served, parents):
            return Reason(NEED_UNDER, served)
    for served in sorted(need.nodes):
        if served in ancestors(node, parents):
            return Reason(PRIORITY_UNDER, served)
    return None


def _goal(target: str) -> str:
    return target.split(".", 1)[0]


def match(
    need: NeedFacts, priority: PriorityFacts, parents: Mapping[int, int | None]
) -> Match | None:
    """The match of a priority with a need and its reasons, or None when it does not cover it.

    ``parents`` gives each results-framework node's parent (None for a goal).
    """
    reasons: list[Reason] = []
    if priority.node is not None and need.nodes:
        reason = _node_reason(need, priority.node, parents)
        if reason is None:
            return None
        reasons.append(reason)
    if priority.provision is not None and need.provisions:
        if priority.provision not in need.provisions:
            return None
        reasons.append(Reason(SAME_PROVISION))
    if priority.country is not None and need.country is not None:
        if priority.country != need.country:
            return None
        reasons.append(Reason(SAME_COUNTRY))
    if priority.sdg_target and need.sdg_targets:
        if priority.sdg_target in need.sdg_targets:
            reasons.append(Reason(SAME_TARGET))
        elif _goal(priority.sdg_target) in {_goal(t) for t in need.sdg_targets}:
            reasons.append(Reason(SAME_GOAL))
        else:
            return None
    if not reasons:
        return None
    if need.kind == FINANCIAL:
        if priority.modality is None:
            return None
        reasons.append(Reason(MODALITY))
    dated = (priority.starts_on or priority.ends_on) and (need.starts_on or need.ends_on)
    if dated:
        if not spans_overlap(
            (need.starts_on, need.ends_on), (priority.starts_on, priority.ends_on)
        ):
            return None
        reasons.append(Reason(DATES))
    return Match(
        need=need.id,
        priority=priority.id,
        partner=priority.partner,
        reasons=tuple(reasons),
        duplicate_of=need.funders - {priority.partner},
    )


def ranked(
    need: NeedFacts, priorities: Iterable[PriorityFacts], parents: Mapping[int, int | None]
) -> list[Match]:
    """Every priority that covers ``need``, the best first (then in the order recorded)."""
    found = [m for p in priorities if (m := match(need, p, parents)) is not None]
    return sorted(found, key=lambda m: (-m.score, m.priority))


def uncovered(
    needs: Iterable[NeedFacts],
    priorities: Iterable[PriorityFacts],
    parents: Mapping[int, int | None],
) -> list[int]:
    """The needs no priority covers, in the order given."""
    priorities = list(priorities)
    return [
        need.id
        for need in needs
        if not any(match(need, p, parents) is not None for p in priorities)
    ]


# Reading the facts from the database, and saying the reasons to people ----------------------


@dataclass
class ShownMatch:
    """A match with its priority (partner, result, country, modality loaded) and its reasons in
    words, for a page or the API."""

    match: Match
    priority: Any
    reasons: list[tuple[str, str]]  # (code, what it means here)
    duplicate_partners: list[Any]  # the resource partners who already fund the need


@dataclass
class NeedMatches:
    need: Any
    matches: list[ShownMatch]
    # The contributions the reader may see that fund the need (from approval on).
    funded_by: list[Any]

    @property
    def duplicates(self) -> list[ShownMatch]:
        return [shown for shown in self.matches if shown.match.duplicate]


def _parents(node_ids: set[int]) -> dict[int, int | None]:
    from concord.registry.models import ResultsNode

    frameworks = ResultsNode.objects.filter(pk__in=node_ids).values("framework_id")
    return dict(
        ResultsNode.objects.filter(framework_id__in=frameworks).values_list("pk", "parent_id")
    )


def _priority_facts(priorities: Iterable[Any]) -> list[PriorityFacts]:
    return [
        PriorityFacts(
            id=p.pk,
            partner=p.partner_id,
            node=p.node_id,
            provision=p.provision_id,
            sdg_target=p.sdg_target,
            country=p.country_id,
            modality=p.modality_id,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
        )
        for p in priorities
    ]


def _funding(needs: list[Any], user: Any) -> list[Any]:
    from concord.resources.models import ALLOCATED
    from concord.resources.visibility import contributions_visible_to

    return list(
        contributions_visible_to(user)
        .filter(need__in=[need.pk for need in needs], status__in=ALLOCATED)
        .select_related("partner__party")
        .order_by("status_on", "reference")
    )


def need_facts(needs: list[Any], user: Any) -> list[NeedFacts]:
    """The facts of ``needs`` as ``user`` may know them (only the funding they may see)."""
    from concord.reporting.models import ReformProject
    from concord.resources.models import Need

    nodes: dict[int, set[int]] = {need.pk: set() for need in needs}
    for need_id, node_id in Need.nodes.through.objects.filter(need_id__in=nodes).values_list(
        "need_id", "resultsnode_id"
    ):
        nodes[need_id].add(node_id)
    projects = dict(
        Need.objects.filter(pk__in=nodes, support_need__isnull=False).values_list(
            "pk", "support_need__project_id"
        )
    )
    provisions: dict[int, set[int]] = {}
    for project_id, provision_id in ReformProject.provisions.through.objects.filter(
        reformproject_id__in=set(projects.values())
    ).values_list("reformproject_id", "provision_id"):
        provisions.setdefault(project_id, set()).add(provision_id)
    funders: dict[int, set[int]] = {}
    for contribution in _funding(needs, user):
        funders.setdefault(contribution.need_id, set()).add(contribution.partner_id)
    return [
        NeedFacts(
            id=need.pk,
            kind=need.kind,
            country=need.country_id,
            nodes=frozenset(nodes[need.pk]),
            provisions=frozenset(provisions.get(projects.get(need.pk), ())),
            sdg_targets=frozenset(need.sdg_targets or ()),
            starts_on=need.starts_on,
            ends_on=need.ends_on,
            funders=frozenset(funders.get(need.pk, ())),
        )
        for need in needs
    ]


def uncovered_needs(needs: Iterable[Any], user: Any) -> list[Any]:
    """The needs among ``needs`` that no partner's priority covers."""
    from concord.resources.models import Priority

    needs = list(needs)
    facts = need_facts(needs, user)
    priorities = _priority_facts(Priority.objects.all())
    parents = _parents(
        {n for f in facts for n in f.nodes} | {p.node for p in priorities if p.node is not None}
    )
    left = set(uncovered(facts, priorities, parents))
    return [need for need in needs if need.pk in left]


def matches_for(need: Any, user: Any) -> NeedMatches:
    """The priorities that cover ``need``, ranked, with their reasons in words, and who funds it."""
    from concord.resources.models import Priority

    priorities = {
        p.pk: p
        for p in Priority.objects.select_related(
            "partner__party", "node", "provision__instrument", "country", "modality"
        )
    }
    facts = need_facts([need], user)[0]
    priority_facts = _priority_facts(priorities.values())
    parents = _parents(set(facts.nodes) | {p.node for p in priority_facts if p.node is not None})
    funded_by = _funding([need], user)
    partners = {c.partner_id: c.partner for c in funded_by}
    need_nodes = {node.pk: node for node in need.nodes.all()}
    shown = []
    for found in ranked(facts, priority_facts, parents):
        priority = priorities[found.priority]
        shown.append(
            ShownMatch(
                match=found,
                priority=priority,
                reasons=[(r.code, describe(r, priority, need, need_nodes)) for r in found.reasons],
                duplicate_partners=[partners[pk] for pk in sorted(found.duplicate_of)],
            )
        )
    return NeedMatches(need=need, matches=shown, funded_by=funded_by)


def describe(reason: Reason, priority: Any, need: Any, need_nodes: Mapping[int, Any]) -> str:
    """Say a reason for people, in their language."""
    from django.utils.translation import gettext as _

    from concord.resources.sdg import targets

    served = need_nodes.get(reason.node)
    served_code = served.code if served is not None else ""
    if reason.code == SAME_NODE:
        return _("Same result: %(code)s %(title)s") % {
            "code": priority.node.code,
            "title": priority.node.translated("title").text,
        }
    if reason.code == NEED_UNDER:
        return _("The need's result %(served)s is part of the partner's %(code)s.") % {
            "served": served_code,
            "code": priority.node.code,
        }
    if reason.code == PRIORITY_UNDER:
        return _("The partner's result %(code)s is part of the need's %(served)s.") % {
            "served": served_code,
            "code": priority.node.code,
        }
    if reason.code == SAME_PROVISION:
        return _("Same provision: %(ref)s of %(instrument)s") % {
            "ref": priority.provision.ref,
            "instrument": priority.provision.instrument.translated("title").text,
        }
    if reason.code == SAME_COUNTRY:
        return _("Same country: %(name)s") % {"name": priority.country.translated("name").text}
    if reason.code == SAME_TARGET:
        target = targets().get(priority.sdg_target)
        return _("Same SDG target: %(code)s %(title)s") % {
            "code": priority.sdg_target,
            "title": target.title if target else "",
        }
    if reason.code == SAME_GOAL:
        return _("SDG target %(code)s is of goal %(goal)s, as the need's %(targets)s.") % {
            "code": priority.sdg_target,
            "goal": _goal(priority.sdg_target),
            "targets": ", ".join(sorted(need.sdg_targets)),
        }
    if reason.code == MODALITY:
        return _("Money can go through %(modality)s (%(earmarking)s).") % {
            "modality": priority.modality.name,
            "earmarking": priority.modality.get_earmarking_display(),
        }
    return _("Its dates (%(start)s to %(end)s) overlap the need's.") % {
        "start": priority.starts_on or "…",
        "end": priority.ends_on or "…",
    }
