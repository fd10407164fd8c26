"""Entering, reviewing and locking figures through the HTTP API, as each persona."""

import json

import pytest

from concord.indicators.models import Approval, Period, PeriodLock, Value
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db

BASE = "/api/indicators/start-business-days"


def put(client, subject: str, period: str, body: dict):
    return client.put(
        f"{BASE}/values/{subject}/{period}", json.dumps(body), content_type="application/json"
    )


def review(client, subject: str, period: str, body: dict):
    return client.post(
        f"{BASE}/values/{subject}/{period}/review", body, content_type="application/json"
    )


def lock(client, period: str):
    return client.post(f"{BASE}/periods/{period}/lock")


def public_periods(client) -> set[tuple[str, str]]:
    items = client.get(f"{BASE}/values").json()["items"]
    return {(item["subject"], item["period"]) for item in items}


# Entering -----------------------------------------------------------------------------------


def test_the_secretariats_figure_is_approved_at_once(client_as, days, viet_nam, secretariat):
    body = {"value": "6.50", "status": "provisional", "source": "Survey", "note": "First."}
    response = put(client_as(secretariat), "VNM", "2016", body)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["value"], data["status"], data["approval"]) == ("6.5", "provisional", "approved")
    assert (data["party"], data["period"], data["entered_by"]) == ("VNM", "2016", "secretariat")
    stored = Value.objects.get()
    assert (str(stored.number), stored.source, stored.entered_by) == (
        "6.500000",
        "Survey",
        secretariat,
    )
    assert ("party:VNM", "2016") in public_periods(client_as(None))


def test_the_secretariat_may_keep_its_figure_waiting(client_as, days, viet_nam, secretariat):
    response = put(client_as(secretariat), "VNM", "2016", {"value": 6, "approve": False})
    assert response.json()["approval"] == "pending"
    assert not public_periods(client_as(None))


def test_a_focal_points_figure_waits_until_the_secretariat_approves_it(
    client_as, days, party_a, focal_point, secretariat
):
    response = put(client_as(focal_point), "FRA", "2016-Q1", {"value": 12})
    assert response.status_code == 200, response.json()
    assert (response.json()["approval"], response.json()["entered_by"]) == ("pending", None)
    assert not public_periods(client_as(None))
    approved = review(client_as(secretariat), "FRA", "2016-Q1", {"approve": True})
    assert approved.status_code == 200, approved.json()
    assert approved.json()["approval"] == "approved"
    assert public_periods(client_as(None)) == {("party:FRA", "2016-Q1")}


def test_a_correction_keeps_the_old_figure_in_the_history(client_as, days, viet_nam, secretariat):
    client = client_as(secretariat)
    put(client, "VNM", "2016", {"value": "34"})
    response = put(client, "VNM", "2016", {"value": "20"})
    assert response.json()["value"] == "20"
    value = Value.objects.get()
    assert [str(h.number) for h in value.history.order_by("history_date")] == [
        "34.000000",
        "20.000000",
    ]


def test_figures_of_a_group_and_of_a_body(client_as, days, asean_6, secretariat):
    factories.BodyFactory(code="fao", name="FAO")
    client = client_as(secretariat)
    group = put(client, "group:asean-6", "2015", {"value": "50.3"})
    body = put(client, "body:fao", "2012-2013", {"value": "2000000000"})
    assert (group.json()["subject"], group.json()["group"]) == ("group:asean-6", "asean-6")
    assert (body.json()["subject"], body.json()["value"]) == ("body:fao", "2000000000")


def test_a_breakdown_is_a_figure_of_its_own(client_as, days, viet_nam, secretariat):
    client = client_as(secretariat)
    put(client, "VNM", "2015", {"value": "20"})
    response = put(client, "VNM", "2015", {"value": "22", "breakdown": {"sex": "female"}})
    assert response.json()["breakdown"] == {"sex": "female"}
    assert Value.objects.count() == 2


def test_entering_needs_credentials(client_as, days, viet_nam):
    assert put(client_as(None), "VNM", "2016", {"value": "1"}).status_code == 401
    assert not Value.objects.exists() and not Period.objects.exists()


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "partner"])
def test_others_may_not_enter_a_partys_figure_and_nothing_is_written(
    persona, request, client_as, days, party_a, party_b
):
    person = request.getfixturevalue(persona)
    response = put(client_as(person), "FRA", "2016", {"value": "1"})
    assert response.status_code == 403, response.json()
    assert not Value.objects.exists()
    assert not Period.objects.exists()


def test_a_focal_point_may_not_enter_a_groups_figure(client_as, days, asean_6, focal_point):
    assert put(client_as(focal_point), "group:asean-6", "2016", {"value": "1"}).status_code == 403


@pytest.mark.parametrize(
    ("url", "what"),
    [
        (f"{BASE}/values/ZZZ/2016", "ZZZ"),
        (f"{BASE}/values/group:nowhere/2016", "nowhere"),
        (f"{BASE}/values/body:nobody/2016", "nobody"),
        (f"{BASE}/values/planet:mars/2016", "planet:mars"),
        ("/api/indicators/no-such-thing/values/VNM/2016", "no-such-thing"),
    ],
)
def test_an_unknown_indicator_or_subject_is_a_404(
    client_as, days, viet_nam, secretariat, url, what
):
    response = client_as(secretariat).put(url, {"value": "1"}, content_type="application/json")
    assert response.status_code == 404
    assert what in response.json()["detail"]


@pytest.mark.parametrize(
    ("period", "body", "loc"),
    [
        ("2016", {"value": "1,250.5"}, ["body", "value"]),
        ("2016", {"value": "NaN"}, ["body", "value"]),
        ("2016", {"value": "1.1234567"}, ["body", "value"]),
        ("2016", {"value": True}, ["body", "value"]),
        ("2016", {}, ["body", "value"]),
        ("2016", {"value": "1", "status": "guess"}, ["body", "status"]),
        ("2016", {"value": "1", "breakdown": {"age": "0-14"}}, ["body", "breakdown"]),
        ("2016", {"value": "1", "source": "x" * 256}, ["body", "source"]),
        ("2016", {"value": "1", "note": "a\x00b"}, ["body", "note"]),
        ("2016-Q5", {"value": "1"}, ["path", "period"]),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_writes_nothing(
    client_as, days, viet_nam, secretariat, period, body, loc
):
    response = put(client_as(secretariat), "VNM", period, body)
    assert response.status_code == 422, response.json()
    # A schema's refusal also names the parameter ("payload"), a service's only the field.
    got = response.json()["detail"][0]["loc"]
    assert got[0] == loc[0] and loc[-1] in got
    assert not Value.objects.exists() and not Period.objects.exists()


# Reviewing ----------------------------------------------------------------------------------


@pytest.fixture
def pending(client_as, days, party_a, focal_point):
    response = put(client_as(focal_point), "FRA", "2016", {"value": "12"})
    assert response.status_code == 200
    return Value.objects.get()


def test_a_returned_figure_says_why_to_its_focal_point(
    client_as, pending, secretariat, focal_point
):
    no_reason = review(client_as(secretariat), "FRA", "2016", {"approve": False})
    assert no_reason.status_code == 422
    assert no_reason.json()["detail"][0]["loc"] == ["body", "comment"]
    returned = review(client_as(secretariat), "FRA", "2016", {"approve": False, "comment": "Why?"})
    assert (returned.json()["approval"], returned.json()["comment"]) == ("returned", "Why?")
    seen = client_as(focal_point).get(f"{BASE}/values", {"party": "FRA"}).json()["items"]
    assert [(v["approval"], v["comment"]) for v in seen] == [("returned", "Why?")]


def test_only_a_pending_figure_is_reviewed(client_as, pending, secretariat):
    assert review(client_as(secretariat), "FRA", "2016", {"approve": True}).status_code == 200
    again = review(client_as(secretariat), "FRA", "2016", {"approve": True})
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "approve"]


def test_reviewing_needs_the_secretariat(client_as, pending, focal_point, other_focal_point):
    assert review(client_as(None), "FRA", "2016", {"approve": True}).status_code == 401
    for person in (focal_point, other_focal_point):
        assert review(client_as(person), "FRA", "2016", {"approve": True}).status_code == 403
    assert Value.objects.get().approval == Approval.PENDING


@pytest.mark.parametrize("where", [("FRA", "2017"), ("FRA", "2016-Q9"), ("UKR", "2016")])
def test_reviewing_a_figure_that_does_not_exist_is_a_404(
    client_as, pending, party_b, secretariat, where
):
    assert review(client_as(secretariat), *where, {"approve": True}).status_code == 404


# Locking ------------------------------------------------------------------------------------


def test_a_locked_period_takes_no_change(client_as, pending, secretariat):
    client = client_as(secretariat)
    waiting = lock(client, "2016")
    assert waiting.status_code == 422
    assert waiting.json()["detail"][0]["loc"] == ["path", "period"]
    review(client, "FRA", "2016", {"approve": True})
    locked = lock(client, "2016")
    assert locked.status_code == 200, locked.json()
    assert (locked.json()["period"], locked.json()["locked_by"]) == ("2016", "secretariat")
    refused = put(client, "FRA", "2016", {"value": "13"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["path", "period"]
    assert str(Value.objects.get().number) == "12.000000"


def test_locking_needs_the_secretariat(client_as, pending, focal_point):
    assert lock(client_as(None), "2016").status_code == 401
    assert lock(client_as(focal_point), "2016").status_code == 403
    assert not PeriodLock.objects.exists()


@pytest.mark.parametrize("url", [f"{BASE}/periods/2030/lock", f"{BASE}/periods/soon/lock"])
def test_locking_an_unknown_period_or_indicator_is_a_404(client_as, pending, secretariat, url):
    assert client_as(secretariat).post(url).status_code == 404
    assert client_as(secretariat).post("/api/indicators/nothing/periods/2016/lock").status_code == (
        404
    )
