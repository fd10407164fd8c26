"""Each person's deadlines: the page with their private feed address, and the iCalendar feed."""

import datetime as dt
import re

import icalendar
import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concord.accounts.models import Role, RoleKind
from concord.conftest import make_person
from concord.registry.models import Publication
from concord.registry.tests.factories import InstrumentFactory
from concord.reporting.calendar import FEED_SALT, deadlines_of, feed_token
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.notices_fixtures import at, set_deadline, set_zone

IN_TWENTY_DAYS = timezone.now().date() + dt.timedelta(days=20)


@pytest.fixture
def upcoming(cycle):
    return set_deadline(cycle, IN_TWENTY_DAYS)


@pytest.fixture
def unpublished_cycle(scope_body, secretariat, party_a, party_b):
    instrument = InstrumentFactory(
        body=scope_body, title="Draft plan", publication=Publication.IN_REVIEW
    )
    draft = open_cycle(instrument, secretariat, [party_a, party_b])
    draft.name = "Confidential round"
    return set_deadline(draft, IN_TWENTY_DAYS + dt.timedelta(days=1))


@pytest.fixture
def past_cycle(instrument, secretariat, party_a, party_b):
    past = open_cycle(instrument, secretariat, [party_a, party_b])
    past.name = "Round of last year"
    return set_deadline(past, timezone.now().date() - dt.timedelta(days=2))


def feed_url(person) -> str:
    return f"/reporting/calendar/{feed_token(person)}.ics"


def events(client, person) -> list[icalendar.Event]:
    response = client.get(feed_url(person))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def summaries(client, person) -> list[str]:
    return [str(event["SUMMARY"]) for event in events(client, person)]


def test_a_focal_points_feed_has_an_all_day_event_on_its_partys_deadline(
    upcoming, past_cycle, client, focal_point
):
    [event] = events(client, focal_point)
    assert str(event["SUMMARY"]) == "Deadline: Stocktaking 2026 — France"
    assert event.decoded("DTSTART") == IN_TWENTY_DAYS
    assert event.decoded("DTEND") == IN_TWENTY_DAYS + dt.timedelta(days=1)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    url = f"http://127.0.0.1:8000/reporting/cycles/{upcoming.pk}/parties/FRA"
    assert str(event["URL"]) == url
    description = str(event["DESCRIPTION"])
    assert "Action plan on asset recovery" in description
    assert "by the end of this day in UTC" in description and url in description
    assert str(event["UID"]) == f"reporting-cycle-{upcoming.pk}-FRA@127.0.0.1"
    assert [str(e["UID"]) for e in events(client, focal_point)] == [str(event["UID"])]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("secretariat", ["Deadline: Stocktaking 2026", "Deadline: Confidential round"]),
        ("body_secretariat", ["Deadline: Stocktaking 2026", "Deadline: Confidential round"]),
        ("focal_point", ["Deadline: Stocktaking 2026 — France"]),
        ("other_focal_point", ["Deadline: Stocktaking 2026 — Ukraine"]),
        ("reviewer", ["Deadline: Stocktaking 2026 — France"]),
        ("partner", []),
    ],
)
def test_each_person_sees_the_open_deadlines_they_may_see(
    persona, expected, upcoming, unpublished_cycle, past_cycle, client, request
):
    assert summaries(client, request.getfixturevalue(persona)) == expected


def test_a_role_held_for_another_instrument_brings_no_deadline(upcoming, party_a, client):
    person = make_person("elsewhere", (RoleKind.FOCAL_POINT, party_a))
    Role.objects.filter(user=person).update(instrument=InstrumentFactory())
    assert summaries(client, person) == []
    Role.objects.filter(user=person).update(instrument=upcoming.instrument)
    assert summaries(client, person) == ["Deadline: Stocktaking 2026 — France"]


def test_a_deadline_leaves_the_feed_when_its_day_ends_in_the_bodys_time_zone(cycle, focal_point):
    # The deadline is 31 March 2026; the end of that day in Auckland is 11:00 UTC.
    assert len(deadlines_of(focal_point, now=at("2026-03-31 11:00"))) == 1
    set_zone(cycle, "Pacific/Auckland")
    [deadline] = deadlines_of(focal_point, now=at("2026-03-31 10:59"))
    assert deadline.zone == "Pacific/Auckland"
    assert deadlines_of(focal_point, now=at("2026-03-31 11:00")) == []


def test_the_feed_names_the_bodys_time_zone(upcoming, client, focal_point):
    set_zone(upcoming, "Pacific/Auckland")
    [event] = events(client, focal_point)
    assert "by the end of this day in Pacific/Auckland" in str(event["DESCRIPTION"])


def test_long_names_are_folded_and_special_characters_escaped(upcoming, client, focal_point):
    upcoming.name = "Thematic review; chapter II, asset recovery " + "and return " * 8
    upcoming.save()
    raw = client.get(feed_url(focal_point)).content
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    assert rb"review\; chapter II\, asset" in raw
    assert summaries(client, focal_point) == [f"Deadline: {upcoming.name} — France"]


@pytest.mark.parametrize(
    "token",
    ["nonsense", "WzEsImFiYyJd:1wXyZ:forged-signature", "", "a" * 300],
)
def test_a_bad_token_is_not_found(token, upcoming, client, focal_point):
    assert client.get(f"/reporting/calendar/{token}.ics").status_code == 404


def test_a_token_signed_for_something_else_is_not_found(upcoming, client, focal_point):
    real = feed_token(focal_point)
    user_id, mark = signing.loads(real, salt=FEED_SALT)
    for forged in (
        signing.dumps([user_id, mark], salt="another.purpose"),
        signing.dumps([user_id, "0" * 20], salt=FEED_SALT),
        signing.dumps("just a string", salt=FEED_SALT),
    ):
        assert client.get(f"/reporting/calendar/{forged}.ics").status_code == 404


def test_the_old_address_stops_working_after_a_password_change(upcoming, client, focal_point):
    old = feed_url(focal_point)
    assert client.get(old).status_code == 200
    focal_point.set_password("a new and better password")
    focal_point.save()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(focal_point)).status_code == 200


def test_a_deactivated_persons_address_stops_working(upcoming, client, focal_point):
    address = feed_url(focal_point)
    focal_point.is_active = False
    focal_point.save()
    assert client.get(address).status_code == 404


def test_the_calendar_page_needs_signing_in(client):
    response = client.get("/reporting/calendar")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login")


def test_the_calendar_page_shows_the_feed_address_and_the_upcoming_deadlines(
    upcoming, past_cycle, client_as, client, focal_point
):
    response = client_as(focal_point).get("/reporting/calendar")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="feed-url">Address of your calendar feed</label>' in page
    field = re.search(r'<input id="feed-url" type="url" value="([^"]+)" readonly', page)
    address = field.group(1)
    assert address.startswith("http://testserver/reporting/calendar/")
    assert address.endswith(".ics")
    assert f'href="/reporting/cycles/{upcoming.pk}/parties/FRA"' in page
    assert "Deadline: Stocktaking 2026 — France" in page
    assert "Round of last year" not in page
    feed = client.get(address.removeprefix("http://testserver"))
    assert feed.status_code == 200 and b"Stocktaking 2026" in feed.content


def test_the_calendar_page_says_when_no_deadline_concerns_the_person(upcoming, client_as, partner):
    page = client_as(partner).get("/reporting/calendar").content.decode()
    assert "No reporting deadline ahead concerns you." in page


def test_the_feed_takes_as_many_queries_for_many_cycles_as_for_one(upcoming, client, secretariat):
    address = feed_url(secretariat)
    client.get(address)
    with CaptureQueriesContext(connection) as one:
        assert len(events(client, secretariat)) == 1
    for number in range(3):
        more = open_cycle(upcoming.instrument, secretariat, list(upcoming.parties.all()))
        more.name = f"Round {number}"
        set_deadline(more, IN_TWENTY_DAYS)
    with CaptureQueriesContext(connection) as four:
        assert len(events(client, secretariat)) == 4
    assert len(four) == len(one)
