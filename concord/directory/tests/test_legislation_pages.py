"""The legislation pages: search, one law, the gaps, and recording and changing a law."""

import pytest
from django.urls import reverse

from concord.directory.models import Legislation
from concord.directory.tests.contacts_fixtures import *  # noqa: F403

LIST = reverse("directory:legislation_list")
GAPS = reverse("directory:gaps")
NEW = reverse("directory:legislation_new")


def law_url(law: Legislation, name: str = "directory:legislation") -> str:
    return reverse(name, kwargs={"legislation_id": law.pk})


def form_data(**changes) -> dict:
    return {
        "party": "FRA",
        "title": "Law on mutual legal assistance",
        "kind": "act",
        "summary": "Designates the central authority for requests.",
        "language": "fr",
        **changes,
    }


def test_the_list_searches_a_word_of_the_summary(client_as, focal_point, party_a, french_law):
    from concord.directory.tests.contacts_fixtures import make_law

    make_law(focal_point, party_a, title="Code of criminal procedure", summary="Witnesses.")
    client = client_as(None)
    text = client.get(LIST, {"q": "agency"}).content.decode()
    assert french_law.title in text and "Code of criminal procedure" not in text
    text = client.get(LIST, {"q": "nothing-of-the-kind"}).content.decode()
    assert "No legislation matches this search." in text


def test_the_list_searches_by_stem_best_match_first(client_as, focal_point, party_a):
    from concord.directory.tests.contacts_fixtures import make_law

    make_law(
        focal_point,
        party_a,
        title="Code of criminal procedure",
        summary="Among other things, lets a judge freeze the property of accused persons.",
    )
    make_law(focal_point, party_a, title="Law on freezing orders", summary="Orders.")
    make_law(focal_point, party_a, title="Law on witnesses", summary="Protects witnesses.")
    text = client_as(None).get(LIST, {"q": "freezes"}).content.decode()
    assert "Law on witnesses" not in text
    assert text.index("Law on freezing orders") < text.index("Code of criminal procedure")


def test_the_list_filters_by_party_and_instrument(client_as, french_law, small_instrument):
    client = client_as(None)
    assert (
        french_law.title in client.get(LIST, {"instrument": small_instrument.pk}).content.decode()
    )
    assert french_law.title not in client.get(LIST, {"party": "UKR"}).content.decode()


def test_one_law_links_the_provisions_it_implements(client_as, french_law, small_instrument):
    text = client_as(None).get(law_url(french_law)).content.decode()
    provision = reverse(
        "portal:provision", kwargs={"instrument_id": small_instrument.pk, "ref": "3"}
    )
    assert provision in text
    assert law_url(french_law, "directory:legislation_edit") not in text


def test_the_gaps_page_lists_the_provisions_without_legislation(
    client_as, french_law, small_instrument
):
    client = client_as(None)
    assert client.get(GAPS).status_code == 200
    response = client.get(GAPS, {"party": "FRA", "instrument": small_instrument.pk})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Freeze assets without delay." in text
    assert "Set up an asset recovery office." not in text
    assert "Recalling earlier resolutions." not in text
    assert "Record legislation implementing it" not in text


def test_the_gaps_page_refuses_an_unknown_party(client_as, small_instrument):
    response = client_as(None).get(GAPS, {"party": "ZZZ", "instrument": small_instrument.pk})
    assert response.status_code == 422
    assert 'id="id_party-error"' in response.content.decode()


def test_a_focal_point_records_a_law_from_a_gap(client_as, focal_point, small_instrument):
    client = client_as(focal_point)
    gaps_page = client.get(GAPS, {"party": "FRA", "instrument": small_instrument.pk})
    second = small_instrument.provisions.get(ref="2")
    link = f"{NEW}?party=FRA&amp;instrument={small_instrument.pk}&amp;provision={second.pk}"
    assert link in gaps_page.content.decode()
    url = f"{NEW}?party=FRA&instrument={small_instrument.pk}&provision={second.pk}"
    form = client.get(url).content.decode()
    assert f'value="{second.pk}" id="id_provisions_' in form
    response = client.post(url, form_data(provisions=[second.pk]))
    assert response.status_code == 302
    law = Legislation.objects.get()
    assert [p.ref for p in law.provisions.all()] == ["2"]
    assert law.history.get().history_user == focal_point


def test_recording_sends_the_public_to_sign_in(client_as):
    response = client_as(None).get(NEW)
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]


@pytest.mark.parametrize("persona", ["reviewer", "partner"])
def test_people_without_the_role_cannot_record(persona, request, client_as):
    assert client_as(request.getfixturevalue(persona)).get(NEW).status_code == 403


def test_a_focal_point_cannot_record_a_law_of_another_party(client_as, focal_point, party_b):
    response = client_as(focal_point).post(NEW, form_data(party="UKR"))
    assert response.status_code == 422
    assert not Legislation.objects.exists()


def test_a_bad_form_is_422_with_the_field_marked(client_as, focal_point, party_a):
    response = client_as(focal_point).post(NEW, form_data(language="xx"))
    text = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_language-error"' in text
    assert 'aria-invalid="true"' in text
    assert not Legislation.objects.exists()


def test_an_unpublished_instrument_is_404(client_as, focal_point, draft_instrument):
    response = client_as(focal_point).get(NEW, {"instrument": draft_instrument.pk})
    assert response.status_code == 404


def test_a_focal_point_edits_its_law_keeping_provisions_of_other_instruments(
    client_as, focal_point, french_law, small_instrument, published_instrument
):
    from concord.registry.tests.factories import ProvisionFactory

    other = ProvisionFactory(instrument=published_instrument, ref="9")
    french_law.provisions.add(other)
    client = client_as(focal_point)
    url = f"{law_url(french_law, 'directory:legislation_edit')}?instrument={small_instrument.pk}"
    assert client.get(url).status_code == 200
    fourth = small_instrument.provisions.get(ref="4")
    data = form_data(title="Renamed law", provisions=[fourth.pk])
    data.pop("party")
    assert client.post(url, data).status_code == 302
    french_law.refresh_from_db()
    assert french_law.title == "Renamed law"
    assert {p.ref for p in french_law.provisions.all()} == {"4", "9"}


def test_another_partys_focal_point_cannot_edit(client_as, other_focal_point, french_law):
    client = client_as(other_focal_point)
    assert client.get(law_url(french_law, "directory:legislation_edit")).status_code == 403


def test_the_list_reads_a_constant_number_of_queries(
    client_as, focal_point, party_a, small_instrument
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from concord.directory.tests.contacts_fixtures import make_law

    client = client_as(focal_point)
    implemented = list(small_instrument.provisions.all())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    make_law(focal_point, party_a, provisions=implemented)
    one = queries()
    for n in range(6):
        make_law(focal_point, party_a, title=f"Law {n}", provisions=implemented)
    assert queries() == one
