"""The persons API: persons concerned, their assets pieced together, and match decisions."""

import pytest

from concord.cooperation import answering, requesting
from concord.cooperation.models import Asset, MatchDecision, PersonConcerned, Reading
from concord.cooperation.tests.conftest import MISSING, assert_hidden, loc, make_request

pytestmark = pytest.mark.django_db

URL = "/api/cooperation/persons"
# The party's authority sees the requests about a person, but not the person.
OUTSIDERS = ["tribunal_officer", "authority_a", "authority_b", "focal_point", "secretariat"]


def report(authority, request, holder: str, **fields) -> Asset:
    asset = answering.AssetReport(
        kind="bank_account",
        description="An account",
        holder_name=holder,
        holder_kind="company",
        **fields,
    )
    reply = answering.reply_create(user=authority, request=request, text="Found.", assets=[asset])
    return reply.assets.get()


@pytest.fixture
def two_states_report(officer, registry_body, party_b, authority_b, replied_request):
    """France reports "Sahel Trading Ltd"; Ukraine "Sahel Trading Limited", under sanctions."""
    to_ukraine = make_request(
        officer, registry_body, party_b, kind="freezing", person=replied_request.person
    )
    ukrainian = report(
        authority_b, to_ukraine, "Sahel Trading Limited", sanctions_measure="UNSC 1970 (2011)"
    )
    return Asset.objects.get(request=replied_request), ukrainian


# The persons --------------------------------------------------------------------------------


def test_the_officers_list_the_persons_their_cases_concern(
    verified, officer, tribunal_officer, authority_a, person_concerned
):
    listed = verified(officer).get(URL).json()
    assert [(p["id"], p["name"]) for p in listed["items"]] == [(person_concerned.pk, "Ivan Petrov")]
    assert listed["items"][0]["requesting_body"] == "icc-registry"
    for someone in (tribunal_officer, authority_a):
        assert verified(someone).get(URL).json()["count"] == 0
    assert verified(None).get(URL).status_code == 401


def test_an_officer_records_a_person_concerned(verified, officer, registry_body):
    response = verified(officer).post(
        URL,
        {"requesting_body": "icc-registry", "name": " Olena Kovalenko ", "case": "Case 02"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "Olena Kovalenko"
    assert PersonConcerned.objects.get().history.first().history_user == officer


@pytest.mark.parametrize("persona", ["authority_a", "tribunal_officer", "focal_point"])
def test_only_the_bodys_officers_record_its_persons(persona, request, verified, registry_body):
    response = verified(request.getfixturevalue(persona)).post(
        URL, {"requesting_body": "icc-registry", "name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not PersonConcerned.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"requesting_body": "nobody", "name": "X"}, "requesting_body"),
        ({"requesting_body": "icc-registry", "name": " "}, "name"),
        ({"requesting_body": "icc-registry"}, "name"),
        ({"requesting_body": "icc-registry", "name": "X", "fictitious": True}, "fictitious"),
    ],
)
def test_a_bad_person_is_422_naming_the_field(verified, officer, registry_body, body, field):
    response = verified(officer).post(URL, body, content_type="application/json")
    assert field in loc(response)
    assert not PersonConcerned.objects.exists()


def test_recording_a_person_needs_a_person(verified, registry_body):
    response = verified(None).post(
        URL, {"requesting_body": "icc-registry", "name": "X"}, content_type="application/json"
    )
    assert response.status_code == 401


# Piecing together ---------------------------------------------------------------------------


def assets_url(pk: int) -> str:
    return f"{URL}/{pk}/assets"


def test_an_officer_pieces_together_what_two_states_reported(
    verified, officer, person_concerned, two_states_report
):
    french, ukrainian = two_states_report
    response = verified(officer).get(assets_url(person_concerned.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["person"]["name"] == "Ivan Petrov"
    assert [(a["id"], a["party"]) for a in body["assets"]] == [
        (french.pk, "FRA"),
        (ukrainian.pk, "UKR"),
    ]
    [suggestion] = body["suggestions"]
    assert {suggestion["a"], suggestion["b"]} == {french.pk, ukrainian.pk}
    assert {suggestion["a_name"], suggestion["b_name"]} == {
        "Sahel Trading Ltd",
        "Sahel Trading Limited",
    }
    assert suggestion["reasons"]
    assert body["holders"] == [[french.pk], [ukrainian.pk]]
    [claim] = body["competing_claims"]
    assert claim["asset"] == ukrainian.pk
    assert "Article 103" in claim["rule"]
    reading = Reading.objects.get()
    assert (reading.person, reading.what, reading.via) == (person_concerned, "assets", "api")


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_learns_nothing_of_a_person(
    persona, request, verified, person_concerned, two_states_report
):
    client = verified(request.getfixturevalue(persona))
    assert_hidden(client, "get", assets_url(person_concerned.pk), assets_url(MISSING))
    assert not Reading.objects.exists()


def test_piecing_together_needs_a_person(verified, person_concerned):
    assert verified(None).get(assets_url(person_concerned.pk)).status_code == 401


# Deciding matches ---------------------------------------------------------------------------


def matches_url(pk: int) -> str:
    return f"{URL}/{pk}/matches"


def test_an_officer_confirms_a_match_and_the_holders_are_one(
    verified, officer, person_concerned, two_states_report
):
    french, ukrainian = two_states_report
    client = verified(officer)
    decision = {"first": ukrainian.pk, "second": french.pk, "verdict": "confirmed"}
    response = client.post(matches_url(person_concerned.pk), decision, "application/json")
    assert response.status_code == 201, response.json()
    assert (response.json()["first"], response.json()["second"]) == (french.pk, ukrainian.pk)
    pieced = client.get(assets_url(person_concerned.pk)).json()
    assert pieced["holders"] == [[french.pk, ukrainian.pk]]
    assert pieced["suggestions"] == []
    assert [d["verdict"] for d in pieced["decisions"]] == ["confirmed"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"verdict": "maybe"}, "verdict"),
        ({"second": MISSING}, "second"),
        ({"first": 0}, "first"),
    ],
)
def test_a_bad_decision_is_422_naming_the_field(
    verified, officer, person_concerned, two_states_report, changes, field
):
    french, ukrainian = two_states_report
    decision = {"first": french.pk, "second": ukrainian.pk, "verdict": "rejected"} | changes
    response = verified(officer).post(
        matches_url(person_concerned.pk), decision, "application/json"
    )
    assert field in loc(response)
    assert not MatchDecision.objects.exists()


def test_a_pair_is_decided_once(verified, officer, person_concerned, two_states_report):
    french, ukrainian = two_states_report
    client = verified(officer)
    decision = {"first": french.pk, "second": ukrainian.pk, "verdict": "rejected"}
    first = client.post(matches_url(person_concerned.pk), decision, "application/json")
    assert first.status_code == 201
    again = client.post(matches_url(person_concerned.pk), decision, "application/json")
    assert loc(again) == ["body", "second"]
    assert MatchDecision.objects.count() == 1


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_decides_nothing(
    persona, request, verified, person_concerned, two_states_report
):
    french, ukrainian = two_states_report
    client = verified(request.getfixturevalue(persona))
    body = {
        "data": {"first": french.pk, "second": ukrainian.pk, "verdict": "confirmed"},
        "content_type": "application/json",
    }
    assert_hidden(client, "post", matches_url(person_concerned.pk), matches_url(MISSING), **body)
    response = verified(None).post(matches_url(person_concerned.pk), **body)
    assert response.status_code == 401
    assert not MatchDecision.objects.exists()


def test_another_bodys_person_is_not_piecable(verified, officer, tribunal, tribunal_officer):
    theirs = requesting.person_create(user=tribunal_officer, requesting_body=tribunal, name="Y")
    assert_hidden(verified(officer), "get", assets_url(theirs.pk), assets_url(MISSING))


def test_listing_persons_is_a_reading_of_each(verified, officer, person_concerned):
    from concord.cooperation.models import Reading

    response = verified(officer).get(URL)
    assert [p["name"] for p in response.json()["items"]] == ["Ivan Petrov"]
    assert Reading.objects.filter(reader=officer, person=person_concerned, what="person").exists()
