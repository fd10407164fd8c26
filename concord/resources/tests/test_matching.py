"""Matching needs and priorities, as pure logic: which priorities cover a need, why, in what
order, which needs nobody covers, and when an offer would fund a need twice."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from concord.resources.matching import (
    DATES,
    MODALITY,
    NEED_UNDER,
    PRIORITY_UNDER,
    SAME_COUNTRY,
    SAME_GOAL,
    SAME_NODE,
    SAME_PROVISION,
    SAME_TARGET,
    WEIGHTS,
    NeedFacts,
    PriorityFacts,
    ancestors,
    match,
    ranked,
    spans_overlap,
    uncovered,
)

# goal 1 > outcome 2 > output 3 > activities 4, 5; goal 1 > outcome 6
PARENTS = {1: None, 2: 1, 3: 2, 4: 3, 5: 3, 6: 1}
MNG, KEN = 100, 200
NLD, SWE, BEL = 10, 20, 30

NEED = NeedFacts(
    id=1,
    kind="financial",
    country=MNG,
    nodes=frozenset({3}),
    provisions=frozenset({77}),
    sdg_targets=frozenset({"16.5"}),
    starts_on=dt.date(2026, 1, 1),
    ends_on=dt.date(2027, 12, 31),
)


def codes(found):
    return [reason.code for reason in found.reasons]


def test_the_priorities_are_ranked_by_the_weight_of_their_reasons():
    priorities = [
        PriorityFacts(id=1, partner=NLD, country=MNG, modality=9),
        PriorityFacts(id=2, partner=SWE, node=3, sdg_target="16.5", modality=9),
        PriorityFacts(id=3, partner=BEL, node=2, country=MNG, modality=9),
        PriorityFacts(id=4, partner=BEL, node=4, modality=9, ends_on=dt.date(2026, 6, 30)),
        PriorityFacts(id=5, partner=NLD, sdg_target="16.3", modality=9),
        PriorityFacts(id=6, partner=SWE, provision=77, modality=9),
    ]
    found = ranked(NEED, priorities, PARENTS)
    assert [(m.priority, m.score) for m in found] == [
        (2, 70),  # same result 40 + same target 20 + modality 10
        (3, 70),  # the need's result under the partner's 30 + same country 30 + modality 10
        (1, 40),
        (6, 40),
        (4, 35),  # the partner's result under the need's 20 + modality 10 + dates 5
        (5, 18),  # same goal 8 + modality 10
    ]
    by_id = {m.priority: m for m in found}
    assert codes(by_id[2]) == [SAME_NODE, SAME_TARGET, MODALITY]
    assert codes(by_id[3]) == [NEED_UNDER, SAME_COUNTRY, MODALITY]
    assert by_id[3].reasons[0].node == 3
    assert codes(by_id[4]) == [PRIORITY_UNDER, MODALITY, DATES]
    assert codes(by_id[5]) == [SAME_GOAL, MODALITY]
    assert codes(by_id[6]) == [SAME_PROVISION, MODALITY]


def test_a_priority_is_ruled_out_by_anything_it_names_that_does_not_fit():
    for priority in [
        PriorityFacts(id=1, partner=NLD, country=KEN, node=3, modality=9),
        PriorityFacts(id=2, partner=NLD, node=6, modality=9),  # a sibling outcome
        PriorityFacts(id=3, partner=NLD, sdg_target="4.4", country=MNG, modality=9),
        PriorityFacts(id=4, partner=NLD, provision=78, country=MNG, modality=9),
        PriorityFacts(id=5, partner=NLD, country=MNG, modality=9, starts_on=dt.date(2028, 1, 1)),
    ]:
        assert match(NEED, priority, PARENTS) is None, priority


def test_a_financial_need_takes_a_modality_and_other_kinds_do_not():
    without = PriorityFacts(id=1, partner=NLD, country=MNG)
    assert match(NEED, without, PARENTS) is None
    for kind in ("technical", "in_kind"):
        need = NeedFacts(id=2, kind=kind, country=MNG)
        assert codes(match(need, without, PARENTS)) == [SAME_COUNTRY]
        with_modality = PriorityFacts(id=2, partner=NLD, country=MNG, modality=9)
        assert codes(match(need, with_modality, PARENTS)) == [SAME_COUNTRY]


def test_what_a_need_does_not_say_neither_counts_nor_rules_out():
    silent = NeedFacts(id=3, kind="technical")
    assert match(silent, PriorityFacts(id=1, partner=NLD, country=MNG, node=3), PARENTS) is None
    only_country = NeedFacts(id=4, kind="technical", country=MNG)
    found = match(only_country, PriorityFacts(id=1, partner=NLD, country=MNG, node=3), PARENTS)
    assert codes(found) == [SAME_COUNTRY]


def test_the_needs_no_priority_covers_are_listed():
    needs = [NEED, NeedFacts(id=2, kind="in_kind", country=KEN), NeedFacts(id=3, kind="technical")]
    priorities = [PriorityFacts(id=1, partner=NLD, country=MNG, modality=9)]
    assert uncovered(needs, priorities, PARENTS) == [2, 3]
    assert uncovered(needs, [], PARENTS) == [1, 2, 3]


def test_an_offer_from_another_partner_to_fund_a_funded_need_is_flagged():
    funded = NeedFacts(id=5, kind="financial", country=MNG, funders=frozenset({NLD}))
    again = match(funded, PriorityFacts(id=1, partner=SWE, country=MNG, modality=9), PARENTS)
    assert again.duplicate and again.duplicate_of == {NLD}
    same = match(funded, PriorityFacts(id=2, partner=NLD, country=MNG, modality=9), PARENTS)
    assert not same.duplicate


def test_ancestors_stop_at_a_loop():
    assert ancestors(4, PARENTS) == [3, 2, 1]
    assert ancestors(1, PARENTS) == []
    assert ancestors(1, {1: 2, 2: 1}) == [2]


DATES_OR_NONE = st.none() | st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1))


@given(DATES_OR_NONE, DATES_OR_NONE, DATES_OR_NONE, DATES_OR_NONE)
def test_spans_overlap_when_they_share_a_day(a, b, c, d):
    first, second = (a, b), (c, d)
    assert spans_overlap(first, second) == spans_overlap(second, first)
    if None not in (a, b, c, d) and a <= b and c <= d:
        days = {a + dt.timedelta(n) for n in range((b - a).days + 1)}
        assert spans_overlap(first, second) == any(c <= day <= d for day in days)


@given(
    country=st.sampled_from([None, MNG, KEN]),
    node=st.sampled_from([None, 1, 2, 3, 4, 5, 6]),
    target=st.sampled_from(["", "16.5", "16.3", "4.4"]),
    modality=st.sampled_from([None, 9]),
    kind=st.sampled_from(["financial", "technical", "in_kind"]),
)
def test_a_match_scores_its_reasons_and_never_contradicts_the_priority(
    country, node, target, modality, kind
):
    need = NeedFacts(id=1, kind=kind, country=MNG, nodes=frozenset({3}), sdg_targets={"16.5"})
    priority = PriorityFacts(
        id=1, partner=NLD, country=country, node=node, sdg_target=target, modality=modality
    )
    found = match(need, priority, PARENTS)
    if found is None:
        return
    assert found.score == sum(WEIGHTS[reason.code] for reason in found.reasons) > 0
    assert country in (None, MNG) and node != 6 and target != "4.4"
    assert kind != "financial" or modality is not None
