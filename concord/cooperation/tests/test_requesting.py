import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.cooperation import requesting
from concord.cooperation.models import CooperationRequest, RequestStatus
from concord.cooperation.tests.conftest import make_request

pytestmark = pytest.mark.django_db


def test_an_officer_drafts_a_request_with_a_reference_of_the_body_and_year(
    officer, registry_body, party_a
):
    first = make_request(officer, registry_body, party_a, send=False)
    second = make_request(officer, registry_body, party_a, send=False)
    year = dt.date.today().year
    assert first.status == RequestStatus.DRAFT
    assert first.reference.startswith(f"ICC-REGISTRY-{year}-")
    assert len({first.reference, second.reference}) == 2
    # Random, so that a party cannot count the requests made to others between two of its own.
    assert not first.reference.endswith("0001") or not second.reference.endswith("0002")
    assert first.history.first().history_user == officer


def test_nobody_but_the_bodys_officers_drafts_its_requests(
    tribunal_officer, authority_a, secretariat, registry_body, party_a
):
    for someone in (tribunal_officer, authority_a, secretariat):
        with pytest.raises(PermissionDenied):
            make_request(someone, registry_body, party_a, send=False)
    assert not CooperationRequest.objects.exists()


def test_sending_dates_the_request(draft_request, officer):
    sent = requesting.request_update(
        user=officer, request=draft_request, changes={"status": RequestStatus.SENT}
    )
    assert sent.sent_on == dt.date.today()


def test_a_sealed_request_needs_its_unsealing_date(officer, registry_body, party_a):
    with pytest.raises(ValidationError) as error:
        make_request(officer, registry_body, party_a, classification="sealed")
    assert "unseal_on" in error.value.message_dict
    assert not CooperationRequest.objects.exists()


def test_the_party_acknowledges_but_may_not_rewrite_or_withdraw(sent_request, authority_a):
    with pytest.raises(ValidationError) as error:
        requesting.request_update(
            user=authority_a, request=sent_request, changes={"asked": "Something else"}
        )
    assert "asked" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        requesting.request_update(
            user=authority_a, request=sent_request, changes={"status": RequestStatus.WITHDRAWN}
        )
    done = requesting.request_update(
        user=authority_a, request=sent_request, changes={"status": RequestStatus.ACKNOWLEDGED}
    )
    assert done.acknowledged_on == dt.date.today()


def test_another_party_cannot_touch_the_request(sent_request, authority_b):
    with pytest.raises(PermissionDenied):
        requesting.request_update(
            user=authority_b, request=sent_request, changes={"status": RequestStatus.ACKNOWLEDGED}
        )


def test_a_draft_is_not_the_partys_to_see_or_answer(draft_request, authority_a):
    assert not authority_a.has_perm("cooperation.view_cooperationrequest", draft_request)
    with pytest.raises(PermissionDenied):
        requesting.request_update(
            user=authority_a, request=draft_request, changes={"status": RequestStatus.ACKNOWLEDGED}
        )


def test_an_executed_request_goes_nowhere(sent_request, officer):
    requesting.request_update(
        user=officer, request=sent_request, changes={"status": RequestStatus.EXECUTED}
    )
    with pytest.raises(ValidationError) as error:
        requesting.request_update(
            user=officer, request=sent_request, changes={"status": RequestStatus.IN_PROGRESS}
        )
    assert "status" in error.value.message_dict


def test_who_is_asked_is_fixed_once_sent(sent_request, officer, party_b):
    with pytest.raises(ValidationError) as error:
        requesting.request_update(user=officer, request=sent_request, changes={"party": party_b})
    assert "party" in error.value.message_dict


def test_related_requests_link_both_ways_and_only_to_visible_ones(
    sent_request, officer, tribunal_officer, tribunal, registry_body, party_a
):
    seizure = make_request(officer, registry_body, party_a, kind="seizure")
    requesting.request_update(user=officer, request=seizure, changes={"related": [sent_request.pk]})
    assert list(sent_request.related.all()) == [seizure]
    foreign = make_request(tribunal_officer, tribunal, party_a)
    with pytest.raises(ValidationError) as error:
        requesting.request_update(user=officer, request=seizure, changes={"related": [foreign.pk]})
    assert "related" in error.value.message_dict


def test_only_a_request_not_executed_is_referred_to_the_procedure(sent_request, officer):
    with pytest.raises(ValidationError):
        requesting.step_add(
            user=officer, request=sent_request, kind="referred", taken_on=dt.date.today()
        )
    requesting.request_update(
        user=officer, request=sent_request, changes={"status": RequestStatus.NOT_EXECUTED}
    )
    step = requesting.step_add(
        user=officer, request=sent_request, kind="referred", taken_on=dt.date.today()
    )
    assert list(sent_request.steps.all()) == [step]


def test_the_person_concerned_stays_with_its_body(officer, tribunal, party_a, person_concerned):
    tribunal_officer_role = officer.roles.first()
    tribunal_officer_role.body = tribunal
    tribunal_officer_role.save()
    from concord.accounts.rules import forget_roles

    forget_roles(officer)
    with pytest.raises(ValidationError) as error:
        make_request(officer, tribunal, party_a, person=person_concerned, send=False)
    assert "person" in error.value.message_dict


def test_a_draft_withdrawn_before_sending_stays_the_bodys_own(draft_request, officer, authority_a):
    withdrawn = requesting.request_update(
        user=officer, request=draft_request, changes={"status": RequestStatus.WITHDRAWN}
    )
    assert withdrawn.sent_on is None
    assert not authority_a.has_perm("cooperation.view_cooperationrequest", withdrawn)
    from concord.cooperation.visibility import requests_visible_to

    assert not requests_visible_to(authority_a).exists()


def test_the_procedure_begins_with_the_referral_and_ends_when_closed(sent_request, officer):
    requesting.request_update(
        user=officer, request=sent_request, changes={"status": RequestStatus.NOT_EXECUTED}
    )
    today = dt.date.today()
    with pytest.raises(ValidationError):
        requesting.step_add(user=officer, request=sent_request, kind="finding", taken_on=today)
    requesting.step_add(user=officer, request=sent_request, kind="referred", taken_on=today)
    requesting.step_add(user=officer, request=sent_request, kind="closed", taken_on=today)
    with pytest.raises(ValidationError):
        requesting.step_add(user=officer, request=sent_request, kind="finding", taken_on=today)


def test_dates_follow_the_sending_and_execution_has_its_status(sent_request, officer):
    before = sent_request.sent_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        requesting.request_update(
            user=officer, request=sent_request, changes={"acknowledged_on": before}
        )
    assert "acknowledged_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        requesting.request_update(
            user=officer, request=sent_request, changes={"executed_on": sent_request.sent_on}
        )
    assert "executed_on" in error.value.message_dict
