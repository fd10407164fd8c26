"""A submission's pages: reading it, editing its answers, and the lifecycle buttons."""

import pytest

from concord.reporting.answers import AnswerType
from concord.reporting.models import Answer, Submission, SubmissionStatus
from concord.reporting.tests.pages_fixtures import move, open_today, question, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def current_cycle(instrument, secretariat, party_a, party_b):
    return open_today(instrument, secretariat, [party_a, party_b])


def url(cycle, party: str = "FRA", suffix: str = "") -> str:
    return f"/reporting/cycles/{cycle.pk}/parties/{party}{suffix}"


@pytest.fixture
def draft(current_cycle, focal_point, party_a):
    return save(current_cycle, party_a, focal_point, {"1": "partially"})


def form_data(cycle, version: int, **values) -> dict:
    """The answers form as a browser posts it: every field, empty unless given."""
    data = {"version": str(version)}
    for q in cycle.questions.exclude(answer_type=AnswerType.EVIDENCE):
        data[f"value_{q.pk}"] = ""
        data[f"note_{q.pk}"] = ""
    data.update(values)
    return data


def stored(submission: Submission) -> dict:
    return {
        a.question.key: (a.value, a.note)
        for a in submission.answers.select_related("question__provision")
    }


# Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anonymous", "other_focal_point", "partner"])
def test_a_draft_is_not_found_for_those_who_may_not_see_it(client_as, draft, persona, request):
    person = request.getfixturevalue(persona) if persona != "anonymous" else None
    response = client_as(person).get(url(draft.cycle))
    assert response.status_code == 404
    assert b"Partially implemented" not in response.content


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "secretariat", "body_secretariat"])
def test_a_draft_is_shown_to_its_people(client_as, draft, persona, request):
    response = client_as(request.getfixturevalue(persona)).get(url(draft.cycle))
    assert response.status_code == 200
    assert b"Partially implemented" in response.content


def test_a_submission_not_started_reads_as_an_empty_draft_for_its_focal_point(
    client_as,
    current_cycle,
    focal_point,
):
    response = client_as(focal_point).get(url(current_cycle))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not started" in html
    assert url(current_cycle, suffix="/edit") in html
    assert client_as(None).get(url(current_cycle)).status_code == 404


def test_a_party_that_does_not_report_in_the_cycle_is_not_found(
    client_as, current_cycle, secretariat
):
    assert client_as(secretariat).get(url(current_cycle, "XYZ")).status_code == 404


def test_the_focal_point_sees_edit_offline_and_submit_but_not_review(client_as, draft, focal_point):
    html = client_as(focal_point).get(url(draft.cycle)).content.decode()
    assert url(draft.cycle, suffix="/edit") in html
    assert url(draft.cycle, suffix="/xlsx") in html
    assert url(draft.cycle, suffix="/xlsx/import") in html
    assert url(draft.cycle, suffix="/step/submit") in html
    assert url(draft.cycle, suffix="/review") not in html
    assert url(draft.cycle, suffix="/step/accept") not in html


def test_the_reviewer_sees_return_accept_and_review_once_submitted(
    client_as, draft, focal_point, reviewer
):
    assert (
        url(draft.cycle, suffix="/step/return")
        not in client_as(reviewer).get(url(draft.cycle)).content.decode()
    )
    move(draft, SubmissionStatus.SUBMITTED, focal_point)
    html = client_as(reviewer).get(url(draft.cycle)).content.decode()
    assert url(draft.cycle, suffix="/step/return") in html
    assert url(draft.cycle, suffix="/step/accept") in html
    assert url(draft.cycle, suffix="/review") in html
    assert url(draft.cycle, suffix="/edit") not in html
    assert url(draft.cycle, suffix="/step/publish") not in html


def test_the_answers_show_in_questionnaire_order_with_labels_and_units(
    client_as, current_cycle, focal_point, party_a
):
    staff = question(current_cycle, AnswerType.NUMBER)
    strategy = question(current_cycle, AnswerType.YES_NO)
    adopted = question(current_cycle, AnswerType.DATE)
    save(
        current_cycle,
        party_a,
        focal_point,
        {
            "2": "fully",
            "1": "largely",
            staff.key: {"value": 12, "note": "FTE"},
            strategy.key: False,
            adopted.key: "2024-05-02",
        },
    )
    html = client_as(focal_point).get(url(current_cycle)).content.decode()
    assert (
        html.index("Largely implemented")
        < html.index("Fully implemented")
        < html.index("12 people")
    )
    assert "FTE" in html
    assert ">No<" in html
    assert "May 2, 2024" in html


def test_the_public_reads_a_published_submission(client_as, draft, focal_point, secretariat):
    for target, who in (
        ("submitted", focal_point),
        ("accepted", secretariat),
        ("published", secretariat),
    ):
        draft = move(draft, target, who)
    response = client_as(None).get(url(draft.cycle))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Partially implemented" in html and "Published" in html
    assert "/step/" not in html and "/edit" not in html


# Editing ---------------------------------------------------------------------------------


def test_the_edit_page_sends_the_anonymous_to_sign_in(client_as, current_cycle):
    response = client_as(None).get(url(current_cycle, suffix="/edit"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login")


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat", "partner"])
def test_the_edit_page_is_not_found_but_for_the_party_focal_points(
    client_as, draft, persona, request
):
    person = request.getfixturevalue(persona)
    assert client_as(person).get(url(draft.cycle, suffix="/edit")).status_code == 404
    assert (
        client_as(person)
        .post(url(draft.cycle, suffix="/edit"), form_data(draft.cycle, draft.version))
        .status_code
        == 404
    )


def test_the_edit_form_has_a_field_per_question_by_type(client_as, current_cycle, focal_point):
    response = client_as(focal_point).get(url(current_cycle, suffix="/edit"))
    assert response.status_code == 200
    html = response.content.decode()
    ids = {
        t: question(current_cycle, t).pk for t in ("number", "yes_no", "text", "date", "evidence")
    }
    assert f'<input type="number" name="value_{ids["number"]}"' in html
    assert "Number (people)" in html
    assert f'type="radio" name="value_{ids["yes_no"]}"' in html
    assert f'<textarea name="value_{ids["text"]}"' in html
    assert f'type="date" name="value_{ids["date"]}"' in html
    assert f"value_{ids['evidence']}" not in html
    assert f"/evidence?question={ids['evidence']}" in html
    assert "<legend>Answer</legend>" in html
    assert "Fully implemented</option>" in html
    assert 'name="version" value="0"' in html


def test_a_first_save_starts_the_draft_and_records_who_saved(
    client_as, current_cycle, focal_point, party_a
):
    staff = question(current_cycle, AnswerType.NUMBER)
    strategy = question(current_cycle, AnswerType.YES_NO)
    first = current_cycle.questions.get(provision__ref="1")
    data = form_data(
        current_cycle,
        0,
        **{
            f"value_{first.pk}": "partially",
            f"value_{staff.pk}": "12",
            f"note_{staff.pk}": "FTE",
            f"value_{strategy.pk}": "yes",
        },
    )
    client = client_as(focal_point)
    response = client.post(url(current_cycle, suffix="/edit"), data, follow=True)
    assert response.redirect_chain == [(url(current_cycle), 302)]
    assert b"Your answers are saved." in response.content
    submission = Submission.objects.get(cycle=current_cycle, party=party_a)
    assert submission.version == 1
    assert stored(submission) == {
        "1": ("partially", ""),
        staff.key: (12, "FTE"),
        strategy.key: (True, ""),
    }
    answer = Answer.objects.get(submission=submission, question=staff)
    assert answer.history.get().history_user == focal_point


def test_saving_only_what_changed_and_clearing_an_answer(
    client_as, current_cycle, focal_point, party_a
):
    text = question(current_cycle, AnswerType.TEXT)
    submission = save(
        current_cycle, party_a, focal_point, {"1": "partially", text.key: "Courts are slow."}
    )
    first = current_cycle.questions.get(provision__ref="1")
    data = form_data(current_cycle, submission.version, **{f"value_{text.pk}": "Courts are slow."})
    response = client_as(focal_point).post(url(current_cycle, suffix="/edit"), data)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert stored(submission) == {text.key: ("Courts are slow.", "")}
    assert Answer.objects.get(question=text).history.count() == 1
    assert not Answer.objects.filter(question=first).exists()


def test_bad_input_names_the_field_and_writes_nothing(client_as, current_cycle, focal_point):
    staff = question(current_cycle, AnswerType.NUMBER)
    strategy = question(current_cycle, AnswerType.YES_NO)
    data = form_data(
        current_cycle,
        0,
        **{f"value_{staff.pk}": "twelve", f"note_{strategy.pk}": "a note without an answer"},
    )
    response = client_as(focal_point).post(url(current_cycle, suffix="/edit"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "Nothing was saved" in html
    assert f'aria-describedby="id_value_{staff.pk}-error"' in html
    assert f'<p class="error" id="id_value_{staff.pk}-error">Enter a number.</p>' in html
    assert f'id="id_note_{strategy.pk}-error"' in html
    assert "twelve" in html
    assert not Submission.objects.filter(cycle=current_cycle).exists()


def test_a_number_the_service_refuses_is_tied_to_its_field_and_starts_no_draft(
    client_as, current_cycle, focal_point
):
    staff = question(current_cycle, AnswerType.NUMBER)
    data = form_data(current_cycle, 0, **{f"value_{staff.pk}": "1e400"})
    response = client_as(focal_point).post(url(current_cycle, suffix="/edit"), data)
    assert response.status_code == 422
    assert f'<p class="error" id="id_value_{staff.pk}-error">Expected a number.</p>' in (
        response.content.decode()
    )
    assert not Submission.objects.filter(cycle=current_cycle).exists()


def test_a_stale_save_changes_nothing_and_shows_the_stored_answers(
    client_as, current_cycle, focal_point, party_a
):
    text = question(current_cycle, AnswerType.TEXT)
    submission = save(current_cycle, party_a, focal_point, {text.key: "First version"})
    opened_at = submission.version
    submission = save(current_cycle, party_a, focal_point, {text.key: "A colleague's version"})
    data = form_data(current_cycle, opened_at, **{f"value_{text.pk}": "My version"})
    response = client_as(focal_point).post(url(current_cycle, suffix="/edit"), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone saved this submission since you opened it" in html
    assert "A colleague&#x27;s version" in html and "My version" not in html
    assert f'name="version" value="{submission.version}"' in html
    after = Submission.objects.get(pk=submission.pk)
    assert after.version == submission.version
    assert stored(after) == {text.key: ("A colleague's version", "")}


def test_a_stale_first_save_after_a_colleague_started_the_draft(
    client_as, current_cycle, focal_point, party_a
):
    text = question(current_cycle, AnswerType.TEXT)
    save(current_cycle, party_a, focal_point, {text.key: "A colleague's version"})
    data = form_data(current_cycle, 0, **{f"value_{text.pk}": "My version"})
    response = client_as(focal_point).post(url(current_cycle, suffix="/edit"), data)
    assert response.status_code == 409
    assert "A colleague&#x27;s version" in response.content.decode()
    assert Submission.objects.get(cycle=current_cycle, party=party_a).version == 1


def test_a_submitted_submission_cannot_be_edited(client_as, draft, focal_point):
    move(draft, SubmissionStatus.SUBMITTED, focal_point)
    response = client_as(focal_point).get(url(draft.cycle, suffix="/edit"), follow=True)
    assert response.redirect_chain == [(url(draft.cycle), 302)]
    assert "cannot be edited" in response.content.decode()


# Moving along the lifecycle ---------------------------------------------------------------


def test_a_step_is_post_only(client_as, draft, focal_point):
    assert client_as(focal_point).get(url(draft.cycle, suffix="/step/submit")).status_code == 405


def test_the_anonymous_are_sent_to_sign_in_and_nothing_moves(client_as, draft):
    response = client_as(None).post(url(draft.cycle, suffix="/step/submit"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login")
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT


def test_the_focal_point_submits_with_a_comment(client_as, draft, focal_point):
    response = client_as(focal_point).post(
        url(draft.cycle, suffix="/step/submit"), {"comment": "All done"}, follow=True
    )
    assert response.redirect_chain == [(url(draft.cycle), 302)]
    assert b"Submitted." in response.content
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.SUBMITTED
    record = draft.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (focal_point, "All done")


def test_a_role_that_may_not_take_a_step_is_refused(client_as, draft, focal_point, reviewer):
    move(draft, SubmissionStatus.SUBMITTED, focal_point)
    assert client_as(focal_point).post(url(draft.cycle, suffix="/step/accept")).status_code == 403
    assert client_as(reviewer).post(url(draft.cycle, suffix="/step/publish")).status_code == 403
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.SUBMITTED


def test_another_party_focal_point_gets_not_found(client_as, draft, other_focal_point):
    assert (
        client_as(other_focal_point).post(url(draft.cycle, suffix="/step/submit")).status_code
        == 404
    )


def test_a_move_the_lifecycle_refuses_says_why_and_changes_nothing(client_as, draft, secretariat):
    response = client_as(secretariat).post(url(draft.cycle, suffix="/step/publish"), follow=True)
    assert response.redirect_chain == [(url(draft.cycle), 302)]
    assert "Cannot go from “Draft” to “Published”" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (SubmissionStatus.DRAFT, 1)


def test_a_too_long_comment_is_refused_and_nothing_moves(client_as, draft, focal_point):
    response = client_as(focal_point).post(
        url(draft.cycle, suffix="/step/submit"), {"comment": "x" * 101}, follow=True
    )
    assert "at most 100 characters" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT


def test_an_unknown_step_or_a_submission_not_started_is_not_found(
    client_as, current_cycle, draft, focal_point
):
    client = client_as(focal_point)
    assert client.post(url(draft.cycle, suffix="/step/delete")).status_code == 404
    assert client.post(url(current_cycle, "UKR", "/step/submit")).status_code == 404


def test_the_reviewer_returns_and_the_focal_point_sees_it_editable_again(
    client_as, draft, focal_point, reviewer
):
    move(draft, SubmissionStatus.SUBMITTED, focal_point)
    client_as(reviewer).post(url(draft.cycle, suffix="/step/return"), {"comment": "Which laws?"})
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.RETURNED
    assert client_as(focal_point).get(url(draft.cycle, suffix="/edit")).status_code == 200
