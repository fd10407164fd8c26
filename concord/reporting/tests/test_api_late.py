"""``GET /api/cycles/{id}/late``: the secretariat's list of parties late with their report."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.registry.models import Publication
from concord.registry.tests.factories import BodyFactory, InstrumentFactory, PartyFactory
from concord.reporting.tests.conftest import open_cycle, put
from concord.reporting.tests.notices_fixtures import hand_in, move, set_deadline, set_zone

# The cycle's deadline is 31 March 2026, in UTC: long passed.
DAYS_LATE = (timezone.now().date() - dt.date(2026, 3, 31)).days


@pytest.fixture
def reported(cycle, client_as, focal_point):
    """France has saved a draft, Ukraine has not started, Germany has handed in."""
    url = f"/api/cycles/{cycle.pk}/submissions/FRA"
    assert put(client_as(focal_point), url, 0, {"1": "partially"}).status_code == 200
    germany = PartyFactory(code="DEU", name="Germany")
    cycle.parties.add(germany)
    hand_in(cycle, germany, make_person("german", (RoleKind.FOCAL_POINT, germany)))
    return cycle


def late(client, cycle_id: int):
    return client.get(f"/api/cycles/{cycle_id}/late")


@pytest.mark.parametrize("persona", ["secretariat", "body_secretariat"])
def test_the_secretariat_sees_who_is_late_and_how_late(persona, reported, client_as, request):
    response = late(client_as(request.getfixturevalue(persona)), reported.pk)
    assert response.status_code == 200
    assert response.json() == {
        "cycle": reported.pk,
        "deadline": "2026-03-31",
        "time_zone": "UTC",
        "deadline_ends": "2026-04-01T00:00:00Z",
        "past": True,
        "parties": [
            {
                "code": "FRA",
                "name": "France",
                "status": "draft",
                "started": True,
                "version": 1,
                "days_late": DAYS_LATE,
            },
            {
                "code": "UKR",
                "name": "Ukraine",
                "status": "draft",
                "started": False,
                "version": 0,
                "days_late": DAYS_LATE,
            },
        ],
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("focal_point", 403),
        ("other_focal_point", 403),
        ("reviewer", 403),
        ("partner", 403),
    ],
)
def test_others_may_not_see_who_is_late(persona, status, reported, client_as, request):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = late(client_as(person), reported.pk)
    assert response.status_code == status
    assert "France" not in response.content.decode()


@pytest.fixture
def hidden_cycle(secretariat, party_a, party_b):
    """A cycle on an instrument in review, of a body the scoped secretariat does not serve."""
    instrument = InstrumentFactory(body=BodyFactory(), publication=Publication.IN_REVIEW)
    return open_cycle(instrument, secretariat, [party_a, party_b])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("body_secretariat", 404),
        ("focal_point", 404),
        ("reviewer", 404),
        ("partner", 404),
    ],
)
def test_a_cycle_the_caller_may_not_see_is_not_found(
    persona, status, hidden_cycle, client_as, request
):
    response = late(client_as(request.getfixturevalue(persona)), hidden_cycle.pk)
    assert response.status_code == status


def test_an_unknown_cycle_is_not_found(client_as, secretariat):
    response = late(client_as(secretariat), 987654)
    assert response.status_code == 404
    assert response.json() == {"detail": "No reporting cycle with id 987654."}


def test_nobody_is_late_before_the_deadline(reported, client_as, secretariat):
    set_deadline(reported, timezone.now().date() + dt.timedelta(days=5))
    body = late(client_as(secretariat), reported.pk).json()
    assert (body["past"], body["parties"]) == (False, [])


def test_a_returned_submission_is_late(
    cycle, party_a, focal_point, reviewer, secretariat, client_as
):
    move(cycle, party_a, (focal_point, "submitted"), (reviewer, "returned"))
    parties = late(client_as(secretariat), cycle.pk)
    assert [(p["code"], p["status"]) for p in parties.json()["parties"]] == [
        ("FRA", "returned"),
        ("UKR", "draft"),
    ]


def test_lateness_is_counted_in_the_bodys_time_zone(cycle, client_as, secretariat):
    set_zone(cycle, "Pacific/Auckland")
    body = late(client_as(secretariat), cycle.pk).json()
    assert body["time_zone"] == "Pacific/Auckland"
    assert body["deadline_ends"] == "2026-04-01T00:00:00+13:00"
    today_there = timezone.now().astimezone(cycle.instrument.body.zone()).date()
    assert body["parties"][0]["days_late"] == (today_there - dt.date(2026, 3, 31)).days


def test_the_list_takes_as_many_queries_for_many_parties_as_for_few(cycle, client_as, secretariat):
    client = client_as(secretariat)
    late(client, cycle.pk)
    with CaptureQueriesContext(connection) as few:
        assert len(late(client, cycle.pk).json()["parties"]) == 2
    cycle.parties.add(*(PartyFactory() for _ in range(5)))
    with CaptureQueriesContext(connection) as many:
        assert len(late(client, cycle.pk).json()["parties"]) == 7
    assert len(many) == len(few)
