"""The request pages: the list, drafting, one request, its status and its non-cooperation steps."""

import datetime as dt

import pytest
from django.urls import reverse

from concord.cooperation import requesting
from concord.cooperation.models import (
    CooperationRequest,
    NonCooperationStep,
    Reading,
    RequestStatus,
)
from concord.cooperation.tests.conftest import make_request

pytestmark = pytest.mark.django_db

LIST = reverse("cooperation:request_list")
NEW = reverse("cooperation:request_new")


@pytest.fixture(autouse=True)
def parties(party_a, party_b):
    """France and Ukraine exist on every page, so that a hidden one is hidden, not missing."""


def detail(cr: CooperationRequest, suffix: str = "") -> str:
    return reverse("cooperation:request", args=[cr.pk]) + suffix


def text_of(response) -> str:
    return response.content.decode()


# The list ---------------------------------------------------------------------------------


def test_the_list_sends_the_anonymous_to_sign_in(verified, sent_request):
    response = verified(None).get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login")


def test_the_officer_sees_their_requests_with_links_to_persons(verified, officer, sent_request):
    text = text_of(verified(officer).get(LIST))
    assert sent_request.reference in text
    assert reverse("cooperation:person", args=[sent_request.person_id]) in text
    assert "Ivan Petrov" in text
    assert NEW in text and reverse("cooperation:statistics") in text
    assert "Confidential" in text and "Identification of assets" in text


def test_the_addressed_authority_sees_sent_requests_but_no_draft_nor_person_link(
    verified, authority_a, sent_request, draft_request
):
    text = text_of(verified(authority_a).get(LIST))
    assert sent_request.reference in text
    assert draft_request.reference not in text
    assert reverse("cooperation:person", args=[sent_request.person_id]) not in text
    assert NEW not in text


@pytest.mark.parametrize("persona", ["authority_b", "focal_point", "secretariat"])
def test_others_see_an_empty_list_not_a_refusal(verified, persona, request, sent_request):
    response = verified(request.getfixturevalue(persona)).get(LIST)
    assert response.status_code == 200
    text = text_of(response)
    assert sent_request.reference not in text
    assert "0 requests" in text and "No request to show." in text
    assert "France" not in text  # not even the party filter names the addressee


def test_the_list_filters_by_status_kind_and_party(
    verified, officer, registry_body, party_a, party_b, sent_request, draft_request
):
    other = make_request(officer, registry_body, party_b, kind="seizure")
    client = verified(officer)
    text = text_of(client.get(LIST, {"status": "draft"}))
    assert draft_request.reference in text and sent_request.reference not in text
    text = text_of(client.get(LIST, {"kind": "seizure"}))
    assert other.reference in text and sent_request.reference not in text
    text = text_of(client.get(LIST, {"party": "UKR"}))
    assert other.reference in text and draft_request.reference not in text
    text = text_of(client.get(LIST, {"kind": "nonsense"}))
    assert other.reference not in text and "0 requests" in text


def test_the_list_issues_as_many_queries_for_many_requests_as_for_one(
    verified, officer, registry_body, party_a, sent_request, django_assert_max_num_queries
):
    client = verified(officer)
    client.get(LIST)
    with django_assert_max_num_queries(40) as one:
        client.get(LIST)
    for _ in range(4):
        make_request(officer, registry_body, party_a)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert text_of(client.get(LIST)).count("/cooperation/requests/") >= 5


def test_the_list_says_when_a_request_is_fictitious(verified, officer, registry_body, party_a):
    make_request(officer, registry_body, party_a, fictitious=True)
    text = text_of(verified(officer).get(LIST))
    assert "Fictitious example for demonstration: no real case or person." in text


# Drafting ---------------------------------------------------------------------------------


def draft_data(registry_body, **changes) -> dict:
    return {
        "requesting_body": registry_body.pk,
        "party": "FRA",
        "kind": "identification",
        "legal_basis": "Article 93(1)(k) of the Statute",
        "asked": "Identify the accounts of the person concerned.",
        "channel": "central_authority",
        "classification": "confidential",
        "deadline": "2030-06-30",
        **changes,
    }


@pytest.mark.parametrize("persona", ["authority_a", "focal_point", "secretariat"])
def test_only_officers_may_draft(verified, persona, request):
    assert verified(request.getfixturevalue(persona)).get(NEW).status_code == 403


def test_drafting_sends_the_anonymous_to_sign_in(verified):
    assert verified(None).get(NEW)["Location"].startswith("/accounts/login")


def test_an_officer_drafts_a_request_of_a_body_they_cover(verified, officer, registry_body):
    client = verified(officer)
    page = text_of(client.get(NEW))
    assert "International Criminal Court: Registry" in page
    response = client.post(NEW, draft_data(registry_body))
    created = CooperationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(created)
    assert created.status == RequestStatus.DRAFT
    assert created.asked == "Identify the accounts of the person concerned."
    assert created.history.first().history_user == officer


def test_send_now_sends_the_new_request(verified, officer, registry_body, person_concerned):
    data = draft_data(registry_body, send_now="on", person=person_concerned.pk)
    verified(officer).post(NEW, data)
    created = CooperationRequest.objects.get()
    assert created.status == RequestStatus.SENT and created.sent_on == dt.date.today()
    assert created.person == person_concerned


def test_a_draft_with_errors_comes_back_marked_and_nothing_is_written(
    verified, officer, registry_body
):
    data = draft_data(registry_body, asked="", classification="sealed", send_now="on")
    response = verified(officer).post(NEW, data)
    text = text_of(response)
    assert response.status_code == 422
    assert 'id="id_asked-error"' in text and 'aria-invalid="true"' in text
    assert "Nothing was saved." in text
    response = verified(officer).post(NEW, {**data, "asked": "Freeze the accounts."})
    assert response.status_code == 422
    assert 'id="id_unseal_on-error"' in text_of(response)  # the service's error, on its field
    assert not CooperationRequest.objects.exists()


def test_a_request_that_cannot_be_sent_is_not_kept_as_a_draft_either(
    verified, officer, registry_body
):
    # The deadline comes before today's sending: the draft is refused with the sending.
    data = draft_data(registry_body, deadline="2001-01-01", send_now="on")
    response = verified(officer).post(NEW, data)
    assert response.status_code == 422
    assert 'id="id_deadline-error"' in text_of(response)
    assert not CooperationRequest.objects.exists()


# One request ------------------------------------------------------------------------------


def test_the_officer_reads_a_request_and_the_reading_is_recorded(
    verified, officer, replied_request
):
    response = verified(officer).get(detail(replied_request))
    text = text_of(response)
    assert response.status_code == 200
    assert "Identify bank accounts held by the person concerned." in text
    assert "Sahel Trading Ltd" in text and "One account found." in text
    assert "Who has read this request" in text
    assert "Classification:" in text
    readings = Reading.objects.filter(request=replied_request, reader=officer)
    assert set(readings.values_list("what", flat=True)) == {"request", "replies"}


def test_the_addressed_authority_reads_it_without_the_readings(verified, authority_a, sent_request):
    response = verified(authority_a).get(detail(sent_request))
    text = text_of(response)
    assert response.status_code == 200
    assert "Identify bank accounts" in text
    assert "Who has read this request" not in text
    assert reverse("cooperation:reply_new", args=[sent_request.pk]) in text
    assert Reading.objects.filter(reader=authority_a, what="request").count() == 1


@pytest.mark.parametrize("persona", ["authority_b", "focal_point", "secretariat"])
def test_a_request_is_not_found_for_others_as_a_missing_one(
    verified, persona, request, sent_request
):
    client = verified(request.getfixturevalue(persona))
    hidden, missing = client.get(detail(sent_request)), client.get("/cooperation/requests/999999")
    assert hidden.status_code == missing.status_code == 404
    assert sent_request.reference not in text_of(hidden)
    assert not Reading.objects.exists()


def test_a_draft_is_not_found_for_the_party(verified, authority_a, draft_request):
    assert verified(authority_a).get(detail(draft_request)).status_code == 404


def test_one_request_sends_the_anonymous_to_sign_in(verified, sent_request):
    assert verified(None).get(detail(sent_request))["Location"].startswith("/accounts/login")


def test_a_sealed_fictitious_request_says_both(verified, officer, registry_body, party_a):
    sealed = make_request(
        officer,
        registry_body,
        party_a,
        classification="sealed",
        unseal_on=dt.date(2031, 5, 1),
        fictitious=True,
    )
    text = text_of(verified(officer).get(detail(sealed)))
    assert "Under seal until" in text
    assert "Fictitious example for demonstration: no real case or person." in text


def test_linked_requests_are_shown_only_when_visible(
    verified, officer, authority_a, registry_body, party_a, party_b, sent_request
):
    other = make_request(officer, registry_body, party_b)
    same_party = make_request(officer, registry_body, party_a, kind="seizure")
    requesting.request_update(
        user=officer, request=sent_request, changes={"related": [other.pk, same_party.pk]}
    )
    text = text_of(verified(officer).get(detail(sent_request)))
    assert other.reference in text and same_party.reference in text
    text = text_of(verified(authority_a).get(detail(sent_request)))
    assert same_party.reference in text and other.reference not in text


# Status and steps -------------------------------------------------------------------------


def test_the_authority_moves_the_request_on_but_may_not_withdraw_it(
    verified, authority_a, sent_request
):
    client = verified(authority_a)
    page = text_of(client.get(detail(sent_request)))
    assert 'value="in_progress"' in page and 'value="withdrawn"' not in page
    url = reverse("cooperation:request_status", args=[sent_request.pk])
    response = client.post(url, {"status-status": "withdrawn"})
    assert response.status_code == 422
    assert 'id="id_status-status-error"' in text_of(response)
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT
    response = client.post(url, {"status-status": "in_progress"})
    assert response.status_code == 302 and response["Location"] == detail(sent_request)
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.IN_PROGRESS


def test_the_officer_sends_a_draft(verified, officer, draft_request):
    url = reverse("cooperation:request_status", args=[draft_request.pk])
    assert verified(officer).post(url, {"status-status": "sent"}).status_code == 302
    draft_request.refresh_from_db()
    assert draft_request.status == RequestStatus.SENT


def test_others_cannot_change_the_status_of_a_request_they_cannot_see(
    verified, authority_b, sent_request
):
    url = reverse("cooperation:request_status", args=[sent_request.pk])
    assert verified(authority_b).post(url, {"status-status": "executed"}).status_code == 404
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


def test_the_officer_records_a_step_once_the_request_is_not_executed(
    verified, officer, authority_a, sent_request
):
    client = verified(officer)
    url = reverse("cooperation:step_new", args=[sent_request.pk])
    assert "Record a step" not in text_of(client.get(detail(sent_request)))
    requesting.request_update(
        user=authority_a, request=sent_request, changes={"status": RequestStatus.NOT_EXECUTED}
    )
    assert "Record a step" in text_of(client.get(detail(sent_request)))
    response = client.post(url, {"step-kind": "referred", "step-taken_on": ""})
    assert response.status_code == 422
    assert 'id="id_step-taken_on-error"' in text_of(response)
    assert not NonCooperationStep.objects.exists()
    data = {"step-kind": "referred", "step-taken_on": "2030-02-01", "step-note": "Referred."}
    assert client.post(url, data).status_code == 302
    step = NonCooperationStep.objects.get()
    assert (step.kind, step.note, step.recorded_by) == ("referred", "Referred.", officer)
    assert "Referred to the non-cooperation procedure" in text_of(client.get(detail(sent_request)))


def test_the_authority_may_not_record_a_step(verified, authority_a, sent_request):
    url = reverse("cooperation:step_new", args=[sent_request.pk])
    data = {"step-kind": "referred", "step-taken_on": "2030-02-01"}
    assert verified(authority_a).post(url, data).status_code == 403
    assert not NonCooperationStep.objects.exists()


def test_the_forms_addresses_answer_a_get_only_to_those_who_may_post(
    verified, officer, authority_b, sent_request
):
    status = reverse("cooperation:request_status", args=[sent_request.pk])
    step = reverse("cooperation:step_new", args=[sent_request.pk])
    for url in (status, step):
        assert verified(officer).get(url).status_code == 405
        assert verified(authority_b).get(url).status_code == 404


def test_the_officers_see_who_changed_what(verified, officer, authority_a, sent_request):
    from django.urls import reverse

    url = reverse("cooperation:request", kwargs={"request_id": sent_request.pk})
    text = verified(officer).get(url).content.decode()
    assert "Changes to this request" in text and "created" in text and "status" in text
    assert "Changes to this request" not in verified(authority_a).get(url).content.decode()
