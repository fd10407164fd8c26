"""The submission workflow through the HTTP API, as each persona."""

import pytest
from django.test import Client

from concord.accounts.models import RoleKind
from concord.accounts.services import token_create
from concord.conftest import make_person
from concord.registry.tests.factories import BodyFactory
from concord.reporting.models import Answer, Submission
from concord.reporting.tests.conftest import post, put


def free_keys(client, cycle_url) -> tuple[str, str]:
    questions = client.get(f"{cycle_url}/questionnaire").json()
    return questions[2]["key"], questions[3]["key"]


def test_the_whole_workflow_from_draft_to_public(
    cycle_url, client_as, focal_point, reviewer, secretariat
):
    fp, rv, sec, public = (client_as(p) for p in (focal_point, reviewer, secretariat, None))
    url = f"{cycle_url}/submissions/FRA"
    staff, strategy = free_keys(public, cycle_url)

    draft = fp.get(url).json()
    assert (draft["status"], draft["version"], draft["answers"]) == ("draft", 0, {})
    saved = put(fp, url, 0, {"1": "partially", staff: {"value": 12, "note": "FTE"}})
    assert saved.status_code == 200, saved.json()
    assert saved.json()["answers"][staff] == {"value": 12, "note": "FTE"}
    assert public.get(url).status_code == 404

    assert post(fp, f"{url}/submit").json()["status"] == "submitted"
    returned = post(rv, f"{url}/return", "Which laws?")
    assert returned.json()["status"] == "returned"

    version = fp.get(url).json()["version"]
    fixed = put(fp, url, version, {"1": "largely", strategy: True})
    assert fixed.status_code == 200
    assert post(fp, f"{url}/submit").json()["status"] == "submitted"
    assert post(sec, f"{url}/accept").json()["status"] == "accepted"
    assert public.get(url).status_code == 404
    assert post(sec, f"{url}/publish").json()["status"] == "published"

    seen = public.get(url)
    assert seen.status_code == 200
    assert seen.json()["answers"] == {
        "1": {"value": "largely", "note": ""},
        staff: {"value": 12, "note": "FTE"},
        strategy: {"value": True, "note": ""},
    }
    assert seen.json()["submitted_at"] and seen.json()["accepted_at"]


@pytest.fixture
def draft(cycle, cycle_url, client_as, focal_point):
    url = f"{cycle_url}/submissions/FRA"
    assert put(client_as(focal_point), url, 0, {"1": "partially"}).status_code == 200
    return url


@pytest.mark.parametrize("persona", ["anonymous", "other_focal_point", "partner"])
def test_a_draft_is_not_found_for_those_who_may_not_see_it(persona, draft, client_as, request):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert client_as(person).get(draft).status_code == 404


@pytest.mark.parametrize("persona", ["secretariat", "body_secretariat", "focal_point", "reviewer"])
def test_a_draft_is_seen_by_its_party_and_the_instruments_secretariat(
    persona, draft, client_as, request
):
    response = client_as(request.getfixturevalue(persona)).get(draft)
    assert response.status_code == 200
    assert response.json()["answers"]["1"]["value"] == "partially"


def test_writes_without_credentials_get_401(draft, client_as):
    anonymous = client_as(None)
    assert put(anonymous, draft, 1, {"1": "fully"}).status_code == 401
    for action in ("submit", "return", "accept", "publish"):
        assert post(anonymous, f"{draft}/{action}").status_code == 401


def test_the_other_partys_focal_point_cannot_find_a_draft_to_write(
    draft, client_as, other_focal_point
):
    other = client_as(other_focal_point)
    assert put(other, draft, 1, {"1": "fully"}).status_code == 404
    assert post(other, f"{draft}/submit").status_code == 404
    assert Answer.objects.get().value == "partially"


def test_roles_that_may_not_take_a_step_get_403(draft, client_as, reviewer, secretariat):
    rv, sec = client_as(reviewer), client_as(secretariat)
    assert put(rv, draft, 1, {"1": "fully"}).status_code == 403
    assert put(sec, draft, 1, {"1": "fully"}).status_code == 403
    assert post(rv, f"{draft}/submit").status_code == 403
    assert post(rv, f"{draft}/publish").status_code == 403
    assert Answer.objects.get().value == "partially"
    assert Submission.objects.get().status == "draft"


def test_the_focal_point_cannot_accept_its_own_submission(draft, client_as, focal_point):
    fp = client_as(focal_point)
    assert post(fp, f"{draft}/submit").status_code == 200
    assert post(fp, f"{draft}/accept").status_code == 403
    assert Submission.objects.get().status == "submitted"


def test_a_secretariat_of_another_body_gets_404(draft, client_as, db):
    elsewhere = make_person("elsewhere", (RoleKind.SECRETARIAT, BodyFactory()))
    assert client_as(elsewhere).get(draft).status_code == 404
    assert post(client_as(elsewhere), f"{draft}/accept").status_code == 404


def test_a_stale_save_gets_409_and_leaves_the_answers_unchanged(draft, client_as, focal_point):
    fp = client_as(focal_point)
    response = put(fp, draft, 0, {"1": "fully", "2": "not_started"})
    assert response.status_code == 409
    assert "Reload" in response.json()["detail"]
    assert response.json()["version"] == 1
    assert list(Answer.objects.values_list("question__provision__ref", "value")) == [
        ("1", "partially")
    ]
    assert Submission.objects.get().version == 1


@pytest.mark.parametrize(
    ("key", "value"),
    [("1", "mostly"), ("1", 3), ("staff", "many"), ("strategy", "yes"), ("9.9", "fully")],
)
def test_a_bad_answer_gets_422_naming_it_and_changes_nothing(
    key, value, draft, cycle_url, client_as, focal_point
):
    fp = client_as(focal_point)
    staff, strategy = free_keys(fp, cycle_url)
    key = {"staff": staff, "strategy": strategy}.get(key, key)
    response = put(fp, draft, 1, {"2": "fully", key: value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "answers", key]
    assert list(Answer.objects.values_list("value", flat=True)) == ["partially"]
    assert Submission.objects.get().version == 1


def test_the_graph_refuses_a_bad_move_with_422(draft, client_as, secretariat):
    response = post(client_as(secretariat), f"{draft}/publish")
    assert response.status_code == 422
    assert "Cannot go from" in response.json()["detail"][0]["msg"]
    assert Submission.objects.get().status == "draft"


def test_a_submitted_submission_cannot_be_edited(draft, client_as, focal_point):
    fp = client_as(focal_point)
    post(fp, f"{draft}/submit")
    response = put(fp, draft, 2, {"1": "fully"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]


def test_a_party_outside_the_cycle_or_unknown_is_404(cycle_url, client_as, secretariat):
    assert client_as(secretariat).get(f"{cycle_url}/submissions/ZZZ").status_code == 404
    assert client_as(secretariat).get("/api/cycles/999999/submissions/FRA").status_code == 404


def test_the_api_records_who_changed_what_from_the_api(draft, client_as, focal_point):
    record = Submission.objects.get().history.latest("history_date")
    assert record.history_user == focal_point
    assert record.history_source == "api"


def test_null_clears_an_answer(draft, client_as, focal_point):
    response = put(client_as(focal_point), draft, 1, {"1": None, "2": {"value": "fully"}})
    assert response.status_code == 200
    assert response.json()["answers"] == {"2": {"value": "fully", "note": ""}}
    assert response.json()["version"] == 2


def test_a_reviewer_of_one_party_cannot_find_anothers_draft(
    cycle_url, client_as, other_focal_point, reviewer
):
    url = f"{cycle_url}/submissions/UKR"
    assert put(client_as(other_focal_point), url, 0, {"1": "fully"}).status_code == 200
    assert client_as(reviewer).get(url).status_code == 404
    assert post(client_as(other_focal_point), f"{url}/submit").status_code == 200
    assert post(client_as(reviewer), f"{url}/return").status_code == 404
    assert Submission.objects.get().status == "submitted"


def test_a_focal_point_saves_with_a_personal_token(cycle_url, focal_point):
    secret = token_create(user=focal_point, name="script").secret
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = put(client, f"{cycle_url}/submissions/FRA", 0, {"2": "not_started"})
    assert response.status_code == 200
    assert Answer.objects.get().history.get().history_user == focal_point


def test_a_note_holding_a_nul_character_is_refused_and_nothing_is_written(
    cycle, cycle_url, client_as, focal_point
):
    client = client_as(focal_point)
    response = put(
        client, f"{cycle_url}/submissions/FRA", 0, {"1": {"value": "largely", "note": "a\x00b"}}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "answers", "1"]
    assert not Answer.objects.exists()
