"""The focal points API: the public list without contact details, and the writes."""

import datetime as dt

import pytest

from concord.directory.models import Contact
from concord.directory.tests.contacts_fixtures import *  # noqa: F403

URL = "/api/directory/focal-points"


def new_entry(**changes) -> dict:
    return {
        "party": "FRA",
        "kind": "focal_point",
        "name": "Jeanne Martin",
        "organization": "Ministry of Justice",
        "languages": ["fr", "en"],
        "email": "jeanne.martin@justice.example",
        "phone": "+33 1 00 00 00 00",
        **changes,
    }


def test_the_public_sees_entries_without_email_or_phone(client_as, french_contact):
    items = client_as(None).get(URL).json()["items"]
    assert [item["name"] for item in items] == ["Jeanne Martin"]
    assert "email" not in items[0] and "phone" not in items[0]
    assert items[0]["languages"] == ["fr", "en"]


@pytest.mark.parametrize("persona", ["partner", "other_focal_point"])
def test_members_see_email_and_phone(persona, request, client_as, french_contact):
    item = client_as(request.getfixturevalue(persona)).get(URL).json()["items"][0]
    assert item["email"] == "jeanne.martin@justice.example"
    assert item["phone"] == "+33 1 00 00 00 00"


def test_the_list_filters_by_party_instrument_and_kind(
    client_as, focal_point, french_contact, ukrainian_contact, small_instrument
):
    client = client_as(None)
    assert [i["party"] for i in client.get(URL, {"party": "UKR"}).json()["items"]] == ["UKR"]
    assert client.get(URL, {"instrument": small_instrument.pk}).json()["items"] == []
    assert client.get(URL, {"kind": "central_authority"}).json()["count"] == 0
    assert client.get(URL, {"kind": "lost"}).status_code == 422


def test_ended_entries_are_not_listed(client_as, focal_point, party_a):
    from concord.directory.tests.contacts_fixtures import make_contact

    make_contact(focal_point, party_a, valid_until=dt.date(2020, 1, 1))
    assert client_as(None).get(URL).json()["count"] == 0


def test_a_focal_point_adds_an_entry_of_its_party(client_as, focal_point, party_a):
    response = client_as(focal_point).post(URL, new_entry(), content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["email"] == "jeanne.martin@justice.example"
    assert Contact.objects.get().history.get().history_user == focal_point


def test_adding_needs_credentials(client_as, party_a):
    response = client_as(None).post(URL, new_entry(), content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_focal_point", 403), ("reviewer", 403), ("partner", 403), ("secretariat", 201)],
)
def test_who_may_add_an_entry_of_france(persona, status, request, client_as, party_a):
    client = client_as(request.getfixturevalue(persona))
    response = client.post(URL, new_entry(), content_type="application/json")
    assert response.status_code == status
    assert Contact.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"languages": ["xx"]}, "languages"),
        ({"email": "nobody"}, "email"),
        ({"party": "ZZZ"}, "party"),
        ({"instrument": 999_999}, "instrument"),
        ({"body": "nowhere"}, "body"),
        ({"valid_from": "2026-02-01", "valid_until": "2026-01-01"}, "valid_until"),
        ({"name": "x" * 501}, "name"),
    ],
)
def test_bad_input_is_422_naming_the_field(client_as, focal_point, party_a, changes, field):
    response = client_as(focal_point).post(
        URL, new_entry(**changes), content_type="application/json"
    )
    assert response.status_code == 422, response.json()
    assert field in response.json()["detail"][0]["loc"]
    assert not Contact.objects.exists()


def test_a_draft_instrument_cannot_be_named(client_as, focal_point, party_a, draft_instrument):
    response = client_as(focal_point).post(
        URL, new_entry(instrument=draft_instrument.pk), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "instrument"]


def test_a_focal_point_ends_its_entry(client_as, focal_point, french_contact):
    response = client_as(focal_point).patch(
        f"{URL}/{french_contact.pk}", {"valid_until": "2026-01-31"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    french_contact.refresh_from_db()
    assert french_contact.valid_until == dt.date(2026, 1, 31)
    assert french_contact.name == "Jeanne Martin"
    assert french_contact.history.first().history_user == focal_point


@pytest.mark.parametrize(("persona", "status"), [("other_focal_point", 403), ("reviewer", 403)])
def test_others_cannot_change_an_entry(persona, status, request, client_as, french_contact):
    client = client_as(request.getfixturevalue(persona))
    response = client.patch(
        f"{URL}/{french_contact.pk}", {"name": "Changed"}, content_type="application/json"
    )
    assert response.status_code == status
    french_contact.refresh_from_db()
    assert french_contact.name == "Jeanne Martin"


def test_changing_needs_credentials_and_an_entry(client_as, focal_point, french_contact):
    anonymous = client_as(None).patch(
        f"{URL}/{french_contact.pk}", {}, content_type="application/json"
    )
    assert anonymous.status_code == 401
    missing = client_as(focal_point).patch(f"{URL}/999999", {}, content_type="application/json")
    assert missing.status_code == 404


def test_a_bad_change_is_422_and_changes_nothing(client_as, focal_point, french_contact):
    response = client_as(focal_point).patch(
        f"{URL}/{french_contact.pk}",
        {"name": "Changed", "languages": ["zz"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "languages"]
    french_contact.refresh_from_db()
    assert french_contact.name == "Jeanne Martin"


def test_the_list_reads_a_constant_number_of_queries(
    client_as, focal_point, party_a, small_instrument, django_assert_max_num_queries
):
    from concord.directory.tests.contacts_fixtures import make_contact

    for n in range(5):
        make_contact(focal_point, party_a, name=f"Person {n}", instrument=small_instrument)
    with django_assert_max_num_queries(4):
        assert client_as(None).get(URL).json()["count"] == 5


def test_null_empties_an_optional_field_and_is_refused_for_a_required_one(
    client_as, focal_point, french_contact
):
    client = client_as(focal_point)
    url = f"{URL}/{french_contact.pk}"
    refused = client.patch(url, {"name": None}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "name"]
    emptied = client.patch(url, {"phone": None, "languages": None}, content_type="application/json")
    assert emptied.status_code == 200
    assert (emptied.json()["phone"], emptied.json()["languages"]) == ("", [])
