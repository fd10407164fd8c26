"""The progress selectors: the matrix and what each persona sees of it, change, scorecards."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from concord.registry.tests.factories import PartyFactory
from concord.reporting import progress
from concord.reporting.models import FollowUp, Recommendation
from concord.reporting.tests.progress_fixtures import *  # noqa: F403
from concord.reporting.tests.progress_fixtures import report

SEES_FRANCE = ["secretariat", "body_secretariat", "focal_point", "reviewer"]
DOES_NOT = ["anonymous", "other_focal_point", "partner"]


def grid(matrix: progress.Matrix) -> dict[str, dict[str, str]]:
    refs = [p.ref for p in matrix.provisions]
    return {
        row.party.code: {
            ref: cell.status for ref, cell in zip(refs, row.cells, strict=True) if cell
        }
        for row in matrix.rows
    }


def matrix_for(user, cycle, **filters) -> progress.Matrix:
    return progress.progress_matrix(user=user, instrument=cycle.instrument, cycle=cycle, **filters)


def test_change_follows_the_order_of_the_implementation_scale():
    assert progress.change_between(None, "partially") == "new"
    assert progress.change_between("partially", "largely") == "improved"
    assert progress.change_between("fully", "not_started") == "worsened"
    assert progress.change_between("largely", "largely") == "held"
    assert progress.change_between("noted", "supported") is None


@pytest.mark.parametrize("persona", SEES_FRANCE)
def test_frances_people_and_the_secretariat_see_its_submitted_answers(persona, reported, request):
    matrix = matrix_for(request.getfixturevalue(persona), reported)
    assert [p.ref for p in matrix.provisions] == ["1", "2", "3"]
    assert grid(matrix) == {
        "FRA": {"1": "largely", "2": "not_started", "3": "fully"},
        "DEU": {},
        "UKR": {"1": "largely", "2": "partially"},
    }
    statuses = {row.party.code: row.submission_status for row in matrix.rows}
    assert statuses == {"FRA": "submitted", "DEU": None, "UKR": "published"}


@pytest.mark.parametrize("persona", DOES_NOT)
def test_others_see_only_published_answers(persona, reported, request):
    matrix = matrix_for(request.getfixturevalue(persona), reported)
    assert grid(matrix) == {"FRA": {}, "DEU": {}, "UKR": {"1": "largely", "2": "partially"}}
    assert [row.submission_status for row in matrix.rows] == [None, None, "published"]


def test_a_draft_is_never_shown_not_even_to_the_secretariat(reported, secretariat):
    assert grid(matrix_for(secretariat, reported))["DEU"] == {}


def test_the_matrix_narrows_by_party_group_provision_and_status(reported, secretariat):
    assert list(grid(matrix_for(secretariat, reported, parties=["UKR"]))) == ["UKR"]
    assert sorted(grid(matrix_for(secretariat, reported, group="eu"))) == ["DEU", "FRA"]
    by_ref = matrix_for(secretariat, reported, provisions=["3", "1"])
    assert [p.ref for p in by_ref.provisions] == ["1", "3"]
    largely = matrix_for(secretariat, reported, statuses=["largely"])
    assert grid(largely) == {"FRA": {"1": "largely"}, "UKR": {"1": "largely"}}
    assert [p.ref for p in largely.provisions] == ["1"]


@pytest.mark.parametrize(
    ("filters", "field"),
    [({"statuses": ["mostly"]}, "status"), ({"group": "nowhere"}, "group")],
)
def test_unknown_filters_are_refused_naming_them(filters, field, reported, secretariat):
    with pytest.raises(ValidationError) as refused:
        matrix_for(secretariat, reported, **filters)
    assert field in refused.value.message_dict


def test_comparing_gives_each_cell_its_earlier_status_and_change(
    reported, stocktaking, secretariat
):
    matrix = matrix_for(secretariat, reported, compare=stocktaking)
    refs = [p.ref for p in matrix.provisions]
    cells = {
        (row.party.code, ref): (cell.earlier, cell.change)
        for row in matrix.rows
        for ref, cell in zip(refs, row.cells, strict=True)
        if cell
    }
    assert cells == {
        ("FRA", "1"): ("partially", "improved"),
        ("FRA", "2"): ("not_started", "held"),
        ("FRA", "3"): (None, "new"),
        ("UKR", "1"): ("largely", "held"),
        ("UKR", "2"): ("fully", "worsened"),
    }


def test_the_compared_cycle_hides_what_the_caller_may_not_see(
    reported, stocktaking, other_focal_point, party_a
):
    stocktaking.submissions.filter(party=party_a).update(status="accepted")
    matrix = matrix_for(other_focal_point, stocktaking)
    assert grid(matrix)["FRA"] == {}


def test_the_default_cycle_is_the_newest_and_a_foreign_one_is_refused(
    reported, stocktaking, instrument, anonymous
):
    assert progress.cycle_of(anonymous, instrument, None, "cycle") == reported
    assert progress.cycle_of(anonymous, instrument, stocktaking.pk, "cycle") == stocktaking
    with pytest.raises(ValidationError) as refused:
        progress.cycle_of(anonymous, instrument, reported.pk + 100, "compare")
    assert "compare" in refused.value.message_dict


def test_the_matrix_takes_a_constant_number_of_queries(
    reported, stocktaking, secretariat, django_assert_max_num_queries, party_a
):
    more = [PartyFactory(code=f"P{i}", name=f"Party {i}") for i in range(20)]
    reported.parties.add(*more)
    for party in more:
        report(reported, party, {"1": "fully", "2": "largely", "3": "partially"})
    secretariat = type(secretariat).objects.get(pk=secretariat.pk)
    with django_assert_max_num_queries(8):
        matrix = matrix_for(secretariat, reported, compare=stocktaking)
    assert len(matrix.rows) == 23


def scorecard_of(user, party):
    (score,) = progress.party_scorecard(user=user, party=party)
    return {row.cycle.name: row for row in score.cycles}, score


def test_the_scorecard_counts_published_statuses_against_the_stocktaking(
    reported, anonymous, party_b
):
    rows, _ = scorecard_of(anonymous, party_b)
    first, later = rows["Stocktaking 2026"], rows["Self-assessment 2027"]
    assert first.counts == {"not_started": 0, "partially": 0, "largely": 1, "fully": 1}
    assert (first.in_scope, first.not_answered, first.advanced_share) == (2, 0, 1.0)
    assert later.counts["largely"] == 1 and later.counts["partially"] == 1
    assert (later.in_scope, later.not_answered) == (3, 1)
    assert later.advanced_share == pytest.approx(1 / 3)
    assert later.baseline == first.cycle
    assert later.share_change == pytest.approx(1 / 3 - 1)
    assert later.changes == {"improved": 0, "held": 1, "worsened": 1, "new": 0}


def test_the_scorecard_shows_unpublished_answers_only_to_the_partys_people(
    reported, anonymous, focal_point, party_a
):
    public, _ = scorecard_of(anonymous, party_a)
    assert public["Self-assessment 2027"].submission_status is None
    assert sum(public["Self-assessment 2027"].counts.values()) == 0
    own, _ = scorecard_of(focal_point, party_a)
    assert own["Self-assessment 2027"].submission_status == "submitted"
    assert own["Self-assessment 2027"].changes == {
        "improved": 1,
        "held": 1,
        "worsened": 0,
        "new": 1,
    }


def test_the_scorecard_counts_published_recommendations_by_follow_up(
    reported, anonymous, secretariat, party_a
):
    for status, published in [
        (FollowUp.IN_PROGRESS, True),
        (FollowUp.IN_PROGRESS, True),
        (FollowUp.IMPLEMENTED, True),
        (FollowUp.NOT_STARTED, False),
    ]:
        Recommendation.objects.create(
            cycle=reported,
            party=party_a,
            text="Adopt the law.",
            status=status,
            issued_by=secretariat,
            published_at=timezone.now() if published else None,
        )
    _, score = scorecard_of(anonymous, party_a)
    assert score.recommendations["in_progress"] == 2
    assert score.recommendations["implemented"] == 1
    assert score.recommendations["not_started"] == 0
