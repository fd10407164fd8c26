"""A person concerned pieced together across States, recording one, and deciding name matches."""

import pytest
from django.urls import reverse

from concord.cooperation import answering
from concord.cooperation.models import Asset, MatchDecision, PersonConcerned, Reading, Verdict
from concord.cooperation.piecing import COMPETING_CLAIM_RULE
from concord.cooperation.tests.conftest import make_request

pytestmark = pytest.mark.django_db

NEW = reverse("cooperation:person_new")


def person_url(person) -> str:
    return reverse("cooperation:person", args=[person.pk])


def decide_url(person) -> str:
    return reverse("cooperation:match_decide", args=[person.pk])


def report(holder: str, description: str, **more) -> answering.AssetReport:
    return answering.AssetReport(
        kind="bank_account",
        description=description,
        holder_name=holder,
        holder_kind="company",
        **more,
    )


def asset_ids(person) -> list[int]:
    return sorted(Asset.objects.filter(request__person=person).values_list("pk", flat=True))


@pytest.fixture
def two_states(officer, registry_body, party_b, authority_b, replied_request, person_concerned):
    """France reported "Sahel Trading Ltd"; Ukraine now reports "Sahel Trading Limited"."""
    second = make_request(officer, registry_body, party_b, person=person_concerned)
    answering.reply_create(
        user=authority_b,
        request=second,
        text="One account.",
        assets=[report("Sahel Trading Limited", "Account in Kyiv")],
    )
    return person_concerned


def test_the_officer_sees_every_states_assets_and_the_suggested_match(
    verified, officer, two_states
):
    response = verified(officer).get(person_url(two_states))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Current account at a Paris bank" in text and "Account in Kyiv" in text
    assert "Suggested matches" in text
    assert "“Sahel Trading Ltd” (France) and “Sahel Trading Limited” (Ukraine)" in text
    assert 'value="confirmed"' in text and 'value="rejected"' in text
    assert Reading.objects.filter(reader=officer, person=two_states, what="assets").count() == 1


def test_confirming_a_match_puts_both_assets_under_one_holder(verified, officer, two_states):
    client = verified(officer)
    first, second = asset_ids(two_states)
    response = client.post(
        decide_url(two_states), {"first": second, "second": first, "verdict": "confirmed"}
    )
    assert response.status_code == 302 and response["Location"] == person_url(two_states)
    decision = MatchDecision.objects.get()
    assert (decision.first_id, decision.second_id, decision.verdict) == (
        first,
        second,
        Verdict.CONFIRMED,
    )
    text = client.get(person_url(two_states)).content.decode()
    assert "Sahel Trading Ltd / Sahel Trading Limited" in text
    assert "Suggested matches" not in text
    assert "Recorded: Same entity." in text
    assert "(Account in Kyiv): Same entity, decided by officer on" in text


def test_the_verdicts_address_takes_only_posts(verified, officer, two_states):
    assert verified(officer).get(decide_url(two_states)).status_code == 405


def test_a_rejected_match_is_not_suggested_again(verified, officer, two_states):
    client = verified(officer)
    ids = asset_ids(two_states)
    client.post(decide_url(two_states), {"first": ids[0], "second": ids[1], "verdict": "rejected"})
    text = client.get(person_url(two_states)).content.decode()
    assert "Suggested matches" not in text
    assert "Sahel Trading Ltd / Sahel Trading Limited" not in text


def test_a_decision_on_assets_of_another_person_is_refused(
    verified, officer, two_states, registry_body
):
    other = PersonConcerned.objects.create(requesting_body=registry_body, name="Someone else")
    ids = asset_ids(two_states)
    response = verified(officer).post(
        decide_url(other), {"first": ids[0], "second": ids[1], "verdict": "confirmed"}, follow=True
    )
    assert "Two different assets of this person, please." in response.content.decode()
    assert not MatchDecision.objects.exists()


@pytest.mark.parametrize("persona", ["authority_a", "authority_b", "focal_point", "secretariat"])
def test_a_person_is_not_found_for_anyone_but_the_officers(verified, persona, request, two_states):
    client = verified(request.getfixturevalue(persona))
    ids = asset_ids(two_states)
    assert client.get(person_url(two_states)).status_code == 404
    assert client.get("/cooperation/persons/999999").status_code == 404
    decided = {"first": ids[0], "second": ids[1], "verdict": "confirmed"}
    assert client.post(decide_url(two_states), decided).status_code == 404
    assert client.get(decide_url(two_states)).status_code == 404
    assert not MatchDecision.objects.exists()
    assert not Reading.objects.filter(what="assets").exists()


def test_the_officer_of_another_body_does_not_find_the_person(
    verified, tribunal_officer, two_states
):
    assert verified(tribunal_officer).get(person_url(two_states)).status_code == 404


def test_a_person_sends_the_anonymous_to_sign_in(verified, two_states):
    assert verified(None).get(person_url(two_states))["Location"].startswith("/accounts/login")


def test_a_competing_claim_is_shown_with_its_rule_to_the_officer_and_the_party(
    verified, officer, authority_a, registry_body, party_a, person_concerned
):
    freezing = make_request(
        officer, registry_body, party_a, kind="freezing", person=person_concerned
    )
    answering.reply_create(
        user=authority_a,
        request=freezing,
        text="Frozen already.",
        assets=[report("Ivan Petrov", "Villa", sanctions_measure="Resolution 2374 (2017)")],
    )
    rule = str(COMPETING_CLAIM_RULE)
    page = verified(officer).get(person_url(person_concerned)).content.decode()
    assert "Competing claims" in page and rule in page
    request_page = reverse("cooperation:request", args=[freezing.pk])
    for person in (officer, authority_a):
        page = verified(person).get(request_page).content.decode()
        assert "Competing claims" in page and rule in page and "competing claim" in page


# Recording a person ----------------------------------------------------------------------


def test_an_officer_records_a_person(verified, officer, registry_body):
    client = verified(officer)
    assert client.get(NEW).status_code == 200
    data = {"requesting_body": registry_body.pk, "name": "Olena Kovalenko", "case": "Case 02"}
    response = client.post(NEW, data)
    person = PersonConcerned.objects.get()
    assert response.status_code == 302 and response["Location"] == person_url(person)
    assert (person.name, person.case, person.requesting_body) == (
        "Olena Kovalenko",
        "Case 02",
        registry_body,
    )


def test_a_person_without_a_name_comes_back_marked(verified, officer, registry_body):
    response = verified(officer).post(NEW, {"requesting_body": registry_body.pk, "name": ""})
    assert response.status_code == 422
    assert 'id="id_name-error"' in response.content.decode()
    assert not PersonConcerned.objects.exists()


def test_an_officer_cannot_record_a_person_for_another_body(verified, officer, tribunal):
    response = verified(officer).post(NEW, {"requesting_body": tribunal.pk, "name": "X"})
    assert response.status_code == 422
    assert 'id="id_requesting_body-error"' in response.content.decode()
    assert not PersonConcerned.objects.exists()


@pytest.mark.parametrize("persona", ["authority_a", "focal_point", "secretariat"])
def test_only_officers_record_persons(verified, persona, request):
    assert verified(request.getfixturevalue(persona)).get(NEW).status_code == 403


def test_recording_a_person_sends_the_anonymous_to_sign_in(verified):
    assert verified(None).get(NEW)["Location"].startswith("/accounts/login")
