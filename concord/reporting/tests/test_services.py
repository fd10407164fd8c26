import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting import services
from concord.reporting.models import Answer, Submission, SubmissionStatus
from concord.reporting.tests.conftest import open_cycle


def test_questionnaire_asks_each_provision_in_document_order_then_free_questions(cycle):
    keys = [q.key for q in cycle.questions.select_related("provision")]
    free = list(cycle.questions.filter(provision=None).order_by("order"))
    assert keys == ["1", "2", f"q{free[0].pk}", f"q{free[1].pk}"]
    assert [q.order for q in cycle.questions.all()] == [1, 2, 3, 4]


def test_building_the_questionnaire_again_adds_nothing(cycle, secretariat):
    before = list(cycle.questions.values_list("pk", "order"))
    services.questionnaire_build(
        cycle=cycle,
        user=secretariat,
        free_questions=[{"text": "Is there a national strategy?", "answer_type": "yes_no"}],
    )
    assert list(cycle.questions.values_list("pk", "order")) == before


def test_a_provision_added_later_takes_its_place_in_document_order(cycle, secretariat):
    third = cycle.instrument.provisions.get(ref="3")
    cycle.provisions.add(third)
    services.questionnaire_build(cycle=cycle, user=secretariat)
    assert [q.key for q in cycle.questions.select_related("provision")][:3] == ["1", "2", "3"]


def test_only_the_secretariat_of_the_instrument_opens_a_cycle(
    instrument, body_secretariat, focal_point, party_a
):
    elsewhere = InstrumentFactory()
    with pytest.raises(PermissionDenied):
        open_cycle(elsewhere, body_secretariat, [party_a])
    with pytest.raises(PermissionDenied):
        open_cycle(instrument, focal_point, [party_a])
    assert open_cycle(instrument, body_secretariat, [party_a]).instrument == instrument


def test_a_cycle_refuses_provisions_of_another_instrument(instrument, secretariat):
    foreign = ProvisionFactory(ref="9")
    with pytest.raises(ValidationError) as raised:
        services.cycle_create(
            user=secretariat,
            instrument=instrument,
            name="x",
            phase="stocktaking",
            period_start="2025-01-01",
            period_end="2025-12-31",
            opens_on="2026-01-01",
            deadline="2026-02-01",
            provisions=[foreign],
        )
    assert "provisions" in raised.value.message_dict


def test_a_stale_save_raises_and_leaves_the_answers_as_they_were(cycle, focal_point, party_a):
    submission = services.submission_get_or_start(cycle=cycle, party=party_a, user=focal_point)
    services.answers_save(
        submission=submission, answers={"1": "partially"}, expected_version=0, user=focal_point
    )
    with pytest.raises(services.StaleVersion):
        services.answers_save(
            submission=submission, answers={"1": "fully"}, expected_version=0, user=focal_point
        )
    assert Answer.objects.get(submission=submission).value == "partially"
    assert Submission.objects.get(pk=submission.pk).version == 1


def test_the_graph_refuses_publishing_a_draft(cycle, focal_point, secretariat, party_a):
    submission = services.submission_get_or_start(cycle=cycle, party=party_a, user=focal_point)
    with pytest.raises(ValidationError, match="Cannot go from"):
        services.submission_transition(
            submission=submission, target=SubmissionStatus.PUBLISHED, user=secretariat
        )
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.DRAFT


def test_history_records_who_made_each_change(cycle, focal_point, reviewer, party_a):
    submission = services.submission_get_or_start(cycle=cycle, party=party_a, user=focal_point)
    services.answers_save(
        submission=submission, answers={"1": "largely"}, expected_version=0, user=focal_point
    )
    services.submission_transition(submission=submission, target="submitted", user=focal_point)
    services.submission_transition(
        submission=submission, target="returned", user=reviewer, comment="Say which laws."
    )
    records = list(submission.history.order_by("history_date", "history_id"))
    assert [(r.status, r.history_user) for r in records] == [
        ("draft", focal_point),
        ("draft", focal_point),
        ("submitted", focal_point),
        ("returned", reviewer),
    ]
    assert records[-1].history_change_reason == "Say which laws."
    answer = Answer.objects.get(submission=submission)
    assert answer.history.get().history_user == focal_point
