"""The focal points pages: the public list, and adding and changing entries."""

import pytest
from django.urls import reverse

from concord.directory.models import Contact
from concord.directory.tests.contacts_fixtures import *  # noqa: F403

LIST = reverse("directory:contact_list")
NEW = reverse("directory:contact_new")


def edit_url(contact: Contact) -> str:
    return reverse("directory:contact_edit", kwargs={"contact_id": contact.pk})


def form_data(**changes) -> dict:
    return {
        "party": "FRA",
        "kind": "focal_point",
        "name": "Paul Durand",
        "organization": "Ministry of Foreign Affairs",
        "languages": "fr, en",
        "email": "paul.durand@diplomatie.example",
        **changes,
    }


def test_the_public_list_hides_contact_details_and_says_why(client_as, french_contact):
    response = client_as(None).get(LIST)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Jeanne Martin" in text
    assert "jeanne.martin@justice.example" not in text and "+33 1" not in text
    assert "sign in" in text


def test_members_see_contact_details(client_as, partner, french_contact):
    text = client_as(partner).get(LIST).content.decode()
    assert "jeanne.martin@justice.example" in text
    assert "sign in</a> to see them" not in text


def test_the_list_filters_by_party_and_kind(client_as, french_contact, ukrainian_contact):
    client = client_as(None)
    text = client.get(LIST, {"party": "UKR"}).content.decode()
    assert "Oksana Shevchenko" in text and "Jeanne Martin" not in text
    text = client.get(LIST, {"kind": "central_authority"}).content.decode()
    assert "No entry matches these filters." in text


def test_edit_links_only_for_entries_one_keeps(
    client_as, focal_point, french_contact, ukrainian_contact
):
    text = client_as(focal_point).get(LIST).content.decode()
    assert edit_url(french_contact) in text
    assert edit_url(ukrainian_contact) not in text


def test_adding_sends_the_public_to_sign_in(client_as, party_a):
    response = client_as(None).get(NEW)
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]


@pytest.mark.parametrize("persona", ["reviewer", "partner"])
def test_people_without_the_role_cannot_add(persona, request, client_as):
    assert client_as(request.getfixturevalue(persona)).get(NEW).status_code == 403


def test_a_focal_point_adds_an_entry_of_its_party(client_as, focal_point, party_a):
    client = client_as(focal_point)
    page = client.get(NEW, {"party": "FRA"}).content.decode()
    assert '<option value="FRA" selected>' in page
    assert "UKR" not in page
    response = client.post(NEW, form_data())
    assert response.status_code == 302
    entry = Contact.objects.get()
    assert (entry.name, entry.languages) == ("Paul Durand", ["fr", "en"])
    assert entry.history.get().history_user == focal_point


def test_a_focal_point_cannot_add_an_entry_of_another_party(client_as, focal_point, party_b):
    response = client_as(focal_point).post(NEW, form_data(party="UKR"))
    assert response.status_code == 422
    assert not Contact.objects.exists()


def test_a_bad_form_is_422_with_the_field_marked(client_as, focal_point, party_a):
    response = client_as(focal_point).post(NEW, form_data(languages="fr, xx"))
    text = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_languages-error"' in text
    assert 'aria-describedby="id_languages-error' in text or "id_languages-error" in text
    assert "xx" in text
    assert not Contact.objects.exists()


def test_a_body_secretariat_is_told_to_name_its_instrument(
    client_as, body_secretariat, party_b, small_instrument
):
    client = client_as(body_secretariat)
    refused = client.post(NEW, form_data(party="UKR"))
    assert refused.status_code == 422
    assert "name an instrument or a body your role covers" in refused.content.decode()
    assert (
        client.post(NEW, form_data(party="UKR", instrument=small_instrument.pk)).status_code == 302
    )


def test_a_focal_point_ends_its_entry(client_as, focal_point, french_contact):
    client = client_as(focal_point)
    assert client.get(edit_url(french_contact)).status_code == 200
    data = form_data(name="Jeanne Martin", valid_until="2026-01-31")
    data.pop("party")
    response = client.post(edit_url(french_contact), data)
    assert response.status_code == 302
    french_contact.refresh_from_db()
    assert str(french_contact.valid_until) == "2026-01-31"
    assert french_contact.history.first().history_user == focal_point


def test_another_partys_focal_point_cannot_edit(client_as, other_focal_point, french_contact):
    client = client_as(other_focal_point)
    assert client.get(edit_url(french_contact)).status_code == 403
    assert client.post(edit_url(french_contact), form_data()).status_code == 403
    french_contact.refresh_from_db()
    assert french_contact.name == "Jeanne Martin"


def test_the_list_reads_a_constant_number_of_queries(
    client_as, partner, focal_point, party_a, small_instrument
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from concord.directory.tests.contacts_fixtures import make_contact

    client = client_as(partner)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    make_contact(focal_point, party_a, instrument=small_instrument)
    one = queries()
    for n in range(6):
        make_contact(focal_point, party_a, name=f"Person {n}", instrument=small_instrument)
    assert queries() == one
