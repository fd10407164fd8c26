"""Carrying a party's earlier answers forward as its starting draft, by service and API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.reporting.carry import carry_forward
from concord.reporting.models import Answer, Submission
from concord.reporting.tests.conftest import put
from concord.reporting.tests.progress_fixtures import *  # noqa: F403
from concord.reporting.tests.progress_fixtures import open_later_cycle, report


@pytest.fixture
def earlier(stocktaking, party_a):
    """France's published stocktaking: two statuses, a staff number and a yes/no answer."""
    keys = [q.key for q in stocktaking.questions.all()]
    staff, strategy = keys[2], keys[3]
    submission = report(stocktaking, party_a, {"1": "partially", "2": "largely"})
    questions = {q.key: q for q in stocktaking.questions.all()}
    Answer.objects.create(submission=submission, question=questions[staff], value=12, note="FTE")
    Answer.objects.create(submission=submission, question=questions[strategy], value=True)
    return submission


def answers_of(submission) -> dict:
    return {
        (a.question.provision.ref if a.question.provision_id else a.question.text): (
            a.value,
            a.note,
        )
        for a in submission.answers.select_related("question__provision")
    }


def carry_url(cycle, party="FRA") -> str:
    return f"/api/cycles/{cycle.pk}/submissions/{party}/carry-forward"


def test_answers_to_the_same_questions_are_carried_forward(
    earlier, assessment, stocktaking, party_a, focal_point
):
    submission = carry_forward(
        cycle=assessment, party=party_a, from_cycle=stocktaking, user=focal_point
    )
    assert (submission.status, submission.version) == ("draft", 1)
    assert submission.carried_from == earlier
    # The strategy question is now asked as text: a yes/no answer no longer fits it.
    assert answers_of(submission) == {
        "1": ("partially", ""),
        "2": ("largely", ""),
        "Staff in the asset recovery office": (12, "FTE"),
    }
    assert {a.history.get().history_user for a in submission.answers.all()} == {focal_point}
    assert submission.history.first().history_user == focal_point


def test_values_that_no_longer_fit_the_scale_are_left_behind(
    earlier, stocktaking, instrument, secretariat, party_a, focal_point
):
    later = open_later_cycle(instrument, secretariat, [party_a], scale="recommendation")
    submission = carry_forward(cycle=later, party=party_a, from_cycle=stocktaking, user=focal_point)
    assert answers_of(submission) == {"Staff in the asset recovery office": (12, "FTE")}


def test_a_draft_with_answers_is_not_overwritten(
    earlier, assessment, stocktaking, party_a, focal_point
):
    report(assessment, party_a, {"3": "fully"}, "draft")
    with pytest.raises(ValidationError) as refused:
        carry_forward(cycle=assessment, party=party_a, from_cycle=stocktaking, user=focal_point)
    assert "status" in refused.value.message_dict
    assert answers_of(Submission.objects.get(cycle=assessment, party=party_a)) == {
        "3": ("fully", "")
    }


def test_an_empty_draft_is_filled(earlier, assessment, stocktaking, party_a, focal_point):
    empty = Submission.objects.create(cycle=assessment, party=party_a, version=2)
    submission = carry_forward(
        cycle=assessment, party=party_a, from_cycle=stocktaking, user=focal_point
    )
    assert (submission.pk, submission.version) == (empty.pk, 3)
    assert len(answers_of(submission)) == 3


def test_only_from_an_earlier_cycle_of_the_same_instrument(
    earlier, assessment, stocktaking, party_a, focal_point
):
    with pytest.raises(ValidationError) as refused:
        carry_forward(cycle=stocktaking, party=party_a, from_cycle=assessment, user=focal_point)
    assert "from_cycle" in refused.value.message_dict
    assert not Submission.objects.filter(cycle=assessment).exists()


def test_a_party_without_an_earlier_submission_gets_a_clear_error(
    assessment, stocktaking, party_b, other_focal_point
):
    with pytest.raises(ValidationError) as refused:
        carry_forward(
            cycle=assessment, party=party_b, from_cycle=stocktaking, user=other_focal_point
        )
    assert "from_cycle" in refused.value.message_dict
    assert not Submission.objects.filter(cycle=assessment).exists()


@pytest.mark.parametrize("persona", ["reviewer", "secretariat", "other_focal_point"])
def test_only_the_partys_focal_points_carry_forward(
    persona, earlier, assessment, stocktaking, party_a, request
):
    with pytest.raises(PermissionDenied):
        carry_forward(
            cycle=assessment,
            party=party_a,
            from_cycle=stocktaking,
            user=request.getfixturevalue(persona),
        )
    assert not Submission.objects.filter(cycle=assessment).exists()


# Through the API --------------------------------------------------------------------------


def test_the_api_starts_the_draft_with_201_then_refuses_a_second_time(
    earlier, assessment, stocktaking, client_as, focal_point
):
    fp = client_as(focal_point)
    body = {"from_cycle": stocktaking.pk}
    response = fp.post(carry_url(assessment), body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json() == fp.get(f"/api/cycles/{assessment.pk}/submissions/FRA").json()
    assert response.json()["answers"]["1"] == {"value": "partially", "note": ""}
    again = fp.post(carry_url(assessment), body, content_type="application/json")
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "status"]


def test_the_api_fills_an_empty_draft_with_200(
    earlier, assessment, stocktaking, client_as, focal_point
):
    fp = client_as(focal_point)
    url = f"/api/cycles/{assessment.pk}/submissions/FRA"
    assert put(fp, url, 0, {}).status_code == 200
    response = fp.post(
        carry_url(assessment), {"from_cycle": stocktaking.pk}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("other_focal_point", 404),
        ("partner", 404),
        ("reviewer", 403),
        ("secretariat", 403),
    ],
)
def test_the_api_refuses_everyone_but_the_partys_focal_points(
    persona, status, earlier, assessment, stocktaking, client_as, request
):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_as(person).post(
        carry_url(assessment), {"from_cycle": stocktaking.pk}, content_type="application/json"
    )
    assert response.status_code == status
    assert not Submission.objects.filter(cycle=assessment).exists()


def test_the_api_names_a_bad_earlier_cycle(earlier, assessment, client_as, focal_point):
    response = client_as(focal_point).post(
        carry_url(assessment), {"from_cycle": 999999}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "from_cycle"]
    assert not Submission.objects.filter(cycle=assessment).exists()
