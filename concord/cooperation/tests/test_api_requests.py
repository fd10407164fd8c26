"""The requests API: the list and its counts, drafting and sending, changes, steps, readings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.accounts.services import token_create
from concord.cooperation import requesting
from concord.cooperation.models import CooperationRequest, Reading, RequestStatus
from concord.cooperation.tests.conftest import MISSING, assert_hidden, loc, make_request

pytestmark = pytest.mark.django_db

URL = "/api/cooperation/requests"
OUTSIDERS = ["tribunal_officer", "authority_b", "focal_point", "secretariat"]


def new_request(**changes) -> dict:
    return {
        "requesting_body": "icc-registry",
        "party": "FRA",
        "kind": "freezing",
        "legal_basis": "Article 93(1)(k) of the Statute",
        "asked": "Freeze the accounts of the person concerned.",
        "channel": "central_authority",
        "deadline": "2031-06-30",
        **changes,
    }


# The list -----------------------------------------------------------------------------------


def test_the_list_holds_what_each_caller_may_see_and_counts_only_that(
    verified, officer, tribunal_officer, authority_a, authority_b, registry_body, tribunal, party_a
):
    sent = make_request(officer, registry_body, party_a)
    draft = make_request(officer, registry_body, party_a, send=False)
    theirs = make_request(tribunal_officer, tribunal, party_a)
    seen = {
        person: verified(person).get(URL).json()
        for person in (officer, tribunal_officer, authority_a, authority_b)
    }
    assert {item["id"] for item in seen[officer]["items"]} == {sent.pk, draft.pk}
    assert seen[officer]["count"] == 2
    assert {item["id"] for item in seen[authority_a]["items"]} == {sent.pk, theirs.pk}
    assert seen[authority_a]["count"] == 2
    assert [item["id"] for item in seen[tribunal_officer]["items"]] == [theirs.pk]
    assert seen[authority_b]["count"] == 0


def test_the_list_filters_by_status_kind_party_body_and_year(
    verified, officer, registry_body, party_a, party_b
):
    sent = make_request(officer, registry_body, party_a, kind="seizure")
    make_request(officer, registry_body, party_b, send=False)
    client = verified(officer)
    year = dt.date.today().year

    def ids(**query) -> list[int]:
        return [item["id"] for item in client.get(URL, query).json()["items"]]

    assert ids(status="sent") == [sent.pk]
    assert ids(kind="seizure") == [sent.pk]
    assert ids(party="FRA") == [sent.pk]
    assert len(ids(body="icc-registry")) == 2
    assert ids(body="icc") == []
    assert ids(year=year) == [sent.pk]
    assert ids(year=2001) == []
    assert loc(client.get(URL, {"status": "lost"})) == ["query", "status"]


def test_the_list_summaries_leave_out_what_is_asked(verified, officer, sent_request):
    item = verified(officer).get(URL).json()["items"][0]
    assert "asked" not in item
    assert item["reference"] == sent_request.reference
    assert item["links"]["replies"] == f"{URL}/{sent_request.pk}/replies"
    assert not Reading.objects.exists()


def test_the_list_costs_the_same_queries_however_long(verified, officer, registry_body, party_a):
    client = verified(officer)
    first = make_request(officer, registry_body, party_a)
    second = make_request(officer, registry_body, party_a)
    requesting.request_update(user=officer, request=second, changes={"related": [first.pk]})
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(4):
        make_request(officer, registry_body, party_a)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).json()["count"] == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_list_needs_a_person(verified, sent_request):
    assert verified(None).get(URL).status_code == 401


def test_an_unverified_officer_session_is_refused(client_as, officer, sent_request):
    assert client_as(officer).get(URL).status_code == 401


def test_an_officers_token_works(client, officer, sent_request):
    secret = token_create(user=officer, name="script", second_factor_verified=True).secret
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get(URL, **auth).json()["count"] == 1
    detail = client.get(f"{URL}/{sent_request.pk}", **auth)
    assert detail.status_code == 200
    assert Reading.objects.get().via == "api"


# Drafting and sending ----------------------------------------------------------------------


def test_an_officer_drafts_a_request(verified, officer, registry_body, party_a, person_concerned):
    response = verified(officer).post(
        URL, new_request(person=person_concerned.pk), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["person"] == person_concerned.pk
    assert body["asked"] == "Freeze the accounts of the person concerned."
    assert body["fictitious"] is False
    created = CooperationRequest.objects.get()
    assert created.history.first().history_user == officer


def test_an_officer_sends_at_once_and_relates_a_request(
    verified, officer, sent_request, registry_body, party_a
):
    response = verified(officer).post(
        URL, new_request(send=True, related=[sent_request.pk]), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "sent"
    assert response.json()["sent_on"] == dt.date.today().isoformat()
    assert response.json()["related"] == [sent_request.pk]


def test_drafting_needs_a_person(verified, registry_body, party_a):
    response = verified(None).post(URL, new_request(), content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize("persona", ["authority_a", "tribunal_officer", "focal_point"])
def test_only_the_bodys_officers_draft_its_requests(
    persona, request, verified, registry_body, party_a
):
    client = verified(request.getfixturevalue(persona))
    response = client.post(URL, new_request(), content_type="application/json")
    assert response.status_code == 403
    assert not CooperationRequest.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"party": "ZZZ"}, "party"),
        ({"requesting_body": "nobody"}, "requesting_body"),
        ({"kind": "bribery"}, "kind"),
        ({"classification": "sealed"}, "unseal_on"),
        ({"related": [MISSING]}, "related"),
        ({"person": MISSING}, "person"),
        ({"asked": "Freeze\x00"}, "asked"),
        ({"reference": "ICC-1"}, "reference"),
        ({"send": True, "deadline": "2001-01-01"}, "deadline"),
    ],
)
def test_bad_input_is_422_naming_the_field(
    verified, officer, registry_body, party_a, changes, field
):
    response = verified(officer).post(URL, new_request(**changes), content_type="application/json")
    assert field in loc(response)
    assert not CooperationRequest.objects.exists()


# One request --------------------------------------------------------------------------------


def test_reading_a_request_shows_it_and_is_logged(verified, authority_a, sent_request):
    response = verified(authority_a).get(f"{URL}/{sent_request.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["asked"] == sent_request.asked
    assert body["sealed"] is False
    assert body["links"]["readings"] is None
    reading = Reading.objects.get()
    assert (reading.reader, reading.request, reading.what) == (authority_a, sent_request, "request")


def test_a_request_under_seal_says_so(verified, officer, registry_body, party_a):
    sealed = make_request(
        officer, registry_body, party_a, classification="sealed", unseal_on=dt.date(2040, 1, 1)
    )
    assert verified(officer).get(f"{URL}/{sealed.pk}").json()["sealed"] is True


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_learns_nothing_of_a_request(persona, request, verified, sent_request):
    client = verified(request.getfixturevalue(persona))
    assert_hidden(client, "get", f"{URL}/{sent_request.pk}", f"{URL}/{MISSING}")
    assert not Reading.objects.exists()


def test_a_draft_does_not_exist_for_the_party(verified, authority_a, draft_request):
    client = verified(authority_a)
    assert_hidden(client, "get", f"{URL}/{draft_request.pk}", f"{URL}/{MISSING}")
    assert client.get(URL).json()["count"] == 0


def test_reading_needs_a_person(verified, sent_request):
    assert verified(None).get(f"{URL}/{sent_request.pk}").status_code == 401


def test_related_requests_the_party_may_not_see_are_left_out(
    verified, officer, authority_a, sent_request, draft_request
):
    requesting.request_update(
        user=officer, request=sent_request, changes={"related": [draft_request.pk]}
    )
    assert verified(officer).get(f"{URL}/{sent_request.pk}").json()["related"] == [draft_request.pk]
    assert verified(authority_a).get(f"{URL}/{sent_request.pk}").json()["related"] == []


# Changes ------------------------------------------------------------------------------------


def patch(client, pk: int, changes: dict):
    return client.patch(f"{URL}/{pk}", changes, content_type="application/json")


def test_an_officer_rewrites_and_sends_a_draft(verified, officer, draft_request, party_b):
    client = verified(officer)
    response = patch(client, draft_request.pk, {"asked": "Trace the shares.", "party": "UKR"})
    assert response.status_code == 200, response.json()
    assert (response.json()["asked"], response.json()["party"]) == ("Trace the shares.", "UKR")
    sent = patch(client, draft_request.pk, {"status": "sent"}).json()
    assert (sent["status"], sent["sent_on"]) == ("sent", dt.date.today().isoformat())


def test_the_party_acknowledges_a_request(verified, authority_a, sent_request):
    response = patch(verified(authority_a), sent_request.pk, {"status": "acknowledged"})
    assert response.status_code == 200, response.json()
    assert response.json()["acknowledged_on"] == dt.date.today().isoformat()


def test_the_party_may_not_withdraw_a_request(verified, authority_a, sent_request):
    response = patch(verified(authority_a), sent_request.pk, {"status": "withdrawn"})
    assert response.status_code == 403
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


@pytest.mark.parametrize(
    ("persona", "changes", "field"),
    [
        ("authority_a", {"asked": "Something else"}, "asked"),
        ("officer", {"kind": None}, "kind"),
        ("officer", {"status": "executed", "party": "FRA"}, "party"),
        ("officer", {"status": "draft"}, "status"),
        ("officer", {"party": "ZZZ"}, "party"),
        ("officer", {"deadline": "2001-01-01"}, "deadline"),
        ("officer", {"fictitious": True}, "fictitious"),
    ],
)
def test_bad_changes_are_422_naming_the_field(
    persona, changes, field, request, verified, sent_request
):
    response = patch(verified(request.getfixturevalue(persona)), sent_request.pk, changes)
    assert field in loc(response)
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_cannot_change_a_request(persona, request, verified, sent_request):
    client = verified(request.getfixturevalue(persona))
    changes = {"data": {"status": "acknowledged"}, "content_type": "application/json"}
    assert_hidden(client, "patch", f"{URL}/{sent_request.pk}", f"{URL}/{MISSING}", **changes)
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


def test_changing_needs_a_person(verified, sent_request):
    assert patch(verified(None), sent_request.pk, {"status": "withdrawn"}).status_code == 401


# The non-cooperation procedure --------------------------------------------------------------


def steps_url(pk: int) -> str:
    return f"{URL}/{pk}/steps"


STEP = {"kind": "referred", "taken_on": "2031-01-15", "note": "Referred after two reminders."}


def test_an_officer_refers_a_request_not_executed(verified, officer, authority_a, sent_request):
    requesting.request_update(
        user=authority_a, request=sent_request, changes={"status": RequestStatus.NOT_EXECUTED}
    )
    client = verified(officer)
    response = client.post(steps_url(sent_request.pk), STEP, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["recorded_by"] == officer.get_username()
    steps = client.get(f"{URL}/{sent_request.pk}").json()["steps"]
    assert [(s["kind"], s["note"]) for s in steps] == [("referred", STEP["note"])]


def test_a_request_still_open_is_not_referred(verified, officer, sent_request):
    response = verified(officer).post(
        steps_url(sent_request.pk), STEP, content_type="application/json"
    )
    assert loc(response) == ["body", "kind"]


def test_the_party_records_no_step(verified, authority_a, sent_request):
    response = verified(authority_a).post(
        steps_url(sent_request.pk), STEP, content_type="application/json"
    )
    assert response.status_code == 403
    assert verified(None).post(steps_url(sent_request.pk), STEP).status_code == 401


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_records_no_step(persona, request, verified, sent_request):
    client = verified(request.getfixturevalue(persona))
    step = {"data": STEP, "content_type": "application/json"}
    assert_hidden(client, "post", steps_url(sent_request.pk), steps_url(MISSING), **step)


# Who read what ------------------------------------------------------------------------------


def test_an_officer_sees_who_read_a_request(verified, officer, authority_a, sent_request):
    verified(authority_a).get(f"{URL}/{sent_request.pk}")
    response = verified(officer).get(f"{URL}/{sent_request.pk}/readings")
    assert response.status_code == 200
    [reading] = response.json()["items"]
    assert (reading["reader"], reading["what"], reading["via"]) == ("authority-a", "request", "api")


def test_only_officers_see_who_read_a_request(verified, authority_a, sent_request):
    path = f"{URL}/{sent_request.pk}/readings"
    assert verified(authority_a).get(path).status_code == 403
    assert verified(None).get(path).status_code == 401


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_sees_no_readings(persona, request, verified, sent_request):
    client = verified(request.getfixturevalue(persona))
    readings = f"{URL}/{sent_request.pk}/readings"
    assert_hidden(client, "get", readings, f"{URL}/{MISSING}/readings")
