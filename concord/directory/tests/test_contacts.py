"""Contacts: who is current on a day, who may keep which entries, and what is refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.directory import contacts
from concord.directory.models import Contact, ContactKind
from concord.directory.tests.contacts_fixtures import *  # noqa: F403
from concord.directory.tests.contacts_fixtures import contact_content, make_contact
from concord.registry.tests.factories import InstrumentFactory

TODAY = dt.date(2026, 6, 1)


def test_only_entries_valid_on_the_day_are_current(focal_point, party_a):
    always = make_contact(focal_point, party_a, name="Always")
    make_contact(focal_point, party_a, name="Ended", valid_until=dt.date(2026, 5, 31))
    last_day = make_contact(focal_point, party_a, name="Last day", valid_until=TODAY)
    make_contact(focal_point, party_a, name="Not yet", valid_from=dt.date(2026, 6, 2))
    begun = make_contact(focal_point, party_a, name="Begun", valid_from=TODAY)
    current = set(contacts.contacts_current(on=TODAY))
    assert current == {always, last_day, begun}


def test_current_entries_filter_by_party_instrument_and_kind(
    focal_point, french_contact, ukrainian_contact, party_a, small_instrument
):
    authority = make_contact(
        focal_point,
        party_a,
        kind=ContactKind.CENTRAL_AUTHORITY,
        instrument=small_instrument,
    )
    assert set(contacts.contacts_current(party="FRA")) == {french_contact, authority}
    assert list(contacts.contacts_current(instrument=small_instrument.pk)) == [authority]
    assert list(contacts.contacts_current(kind=ContactKind.CENTRAL_AUTHORITY)) == [authority]


def test_a_focal_point_adds_an_entry_with_its_history_user(focal_point, french_contact):
    assert french_contact.languages == ["fr", "en"]
    assert french_contact.history.get().history_user == focal_point


def test_a_focal_point_cannot_add_an_entry_for_another_party(focal_point, party_b):
    with pytest.raises(PermissionDenied):
        make_contact(focal_point, party_b)
    assert not Contact.objects.exists()


@pytest.mark.parametrize("persona", ["reviewer", "partner", "anonymous"])
def test_others_cannot_add_an_entry(persona, request, party_a):
    with pytest.raises(PermissionDenied):
        make_contact(request.getfixturevalue(persona), party_a)


def test_a_body_secretariat_keeps_entries_under_its_instruments_only(
    body_secretariat, party_b, small_instrument
):
    entry = make_contact(body_secretariat, party_b, instrument=small_instrument)
    assert entry.instrument == small_instrument
    with pytest.raises(PermissionDenied):
        make_contact(body_secretariat, party_b)
    with pytest.raises(PermissionDenied):
        contacts.contact_update(
            contact=entry,
            user=body_secretariat,
            content=contact_content(instrument=InstrumentFactory()),
        )


def test_an_entry_is_ended_not_deleted(focal_point, french_contact):
    ended = contacts.contact_update(
        contact=french_contact,
        user=focal_point,
        content=contact_content(valid_until=dt.date(2026, 1, 31)),
    )
    assert ended.valid_until == dt.date(2026, 1, 31)
    assert Contact.objects.filter(pk=french_contact.pk).exists()
    assert french_contact not in contacts.contacts_current(on=TODAY)
    assert ended.history.first().history_user == focal_point


def test_another_partys_focal_point_cannot_change_an_entry(other_focal_point, french_contact):
    with pytest.raises(PermissionDenied):
        contacts.contact_update(
            contact=french_contact, user=other_focal_point, content=contact_content(name="X")
        )
    french_contact.refresh_from_db()
    assert french_contact.name == "Jeanne Martin"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"languages": ["fr", "xx"]}, "languages"),
        ({"languages": ["fra"]}, "languages"),
        ({"email": "not an address"}, "email"),
        ({"name": "  "}, "name"),
        ({"valid_from": dt.date(2026, 2, 1), "valid_until": dt.date(2026, 1, 1)}, "valid_until"),
    ],
)
def test_bad_input_is_refused_naming_the_field(focal_point, party_a, changes, field):
    with pytest.raises(ValidationError) as refused:
        make_contact(focal_point, party_a, **changes)
    assert field in refused.value.message_dict
    assert not Contact.objects.exists()


def test_languages_are_kept_lower_case_once_each(focal_point, party_a):
    entry = make_contact(focal_point, party_a, languages=["FR", "fr", " en "])
    assert entry.languages == ["fr", "en"]


def test_the_parties_a_person_keeps(focal_point, secretariat, reviewer, party_a, party_b):
    assert list(contacts.parties_to_keep(focal_point)) == [party_a]
    assert set(contacts.parties_to_keep(secretariat)) == {party_a, party_b}
    assert not contacts.parties_to_keep(reviewer).exists()
