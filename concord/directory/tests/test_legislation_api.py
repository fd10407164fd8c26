"""The legislation API: the list and search, one law, the gaps, and the writes."""

import pytest

from concord.directory.models import Legislation
from concord.directory.tests.contacts_fixtures import *  # noqa: F403

URL = "/api/directory/legislation"


def new_law(instrument_id: int, **changes) -> dict:
    return {
        "party": "FRA",
        "title": "Law on the confiscation of criminal assets",
        "kind": "act",
        "summary": "Creates an agency that manages seized and confiscated property.",
        "language": "fr",
        "provisions": [{"instrument": instrument_id, "refs": ["1", "3"]}],
        **changes,
    }


def test_the_public_lists_and_reads_legislation(client_as, french_law, small_instrument):
    client = client_as(None)
    listed = client.get(URL).json()
    assert [item["title"] for item in listed["items"]] == [french_law.title]
    detail = client.get(f"{URL}/{french_law.pk}").json()
    assert [p["ref"] for p in detail["provisions"]] == ["1", "3"]
    assert detail["party"] == "FRA"
    assert client.get(f"{URL}/999999").status_code == 404


def test_the_list_filters_by_provision_and_searches(client_as, french_law, small_instrument):
    client = client_as(None)
    second = small_instrument.provisions.get(ref="2")
    assert client.get(URL, {"provision": second.pk}).json()["count"] == 0
    by_ref = client.get(URL, {"instrument": small_instrument.pk, "ref": "3"}).json()
    assert by_ref["count"] == 1
    assert client.get(URL, {"q": "agency"}).json()["items"][0]["id"] == french_law.pk
    assert client.get(URL, {"q": "nothing-like-it"}).json()["count"] == 0
    assert client.get(URL, {"party": "UKR"}).json()["count"] == 0


def test_the_search_answers_the_same_on_every_engine(client_as, focal_point, party_a):
    from concord.directory.tests.contacts_fixtures import make_law

    in_summary = make_law(
        focal_point,
        party_a,
        title="Code of criminal procedure",
        summary="Among other things, lets a judge freeze the property of accused persons and "
        "later release it to its owners.",
    )
    in_title = make_law(focal_point, party_a, title="Law on freezing orders", summary="Orders.")
    make_law(focal_point, party_a, title="Law on witnesses", summary="Protects witnesses.")
    client = client_as(None)

    def ids(q: str) -> list[int]:
        answer = client.get(URL, {"q": q})
        assert answer.status_code == 200, q
        return [item["id"] for item in answer.json()["items"]]

    assert ids("freezing") == [in_title.pk, in_summary.pk]
    assert ids('"criminal procedure"') == [in_summary.pk]
    assert ids("freezing witnesses") == []
    assert ids('"') == []
    assert client.get(URL, {"q": "freeze\x00"}).status_code == 422


def test_search_results_page_by_rank_without_repeats(client_as, focal_point, party_a):
    from concord.directory.tests.contacts_fixtures import make_law

    made = [make_law(focal_point, party_a, title=f"Law {n} on freezing") for n in range(3)]
    client = client_as(None)
    first = client.get(URL, {"q": "freeze", "limit": 2}).json()
    second = client.get(URL, {"q": "freeze", "limit": 2, "after": first["next"]}).json()
    seen = [item["id"] for item in first["items"] + second["items"]]
    assert sorted(seen) == sorted(law.pk for law in made)
    assert first["count"] == 3 and second["next"] is None


def test_the_gaps_of_a_party_under_an_instrument(client_as, french_law, small_instrument):
    client = client_as(None)
    response = client.get(f"{URL}/gaps", {"party": "FRA", "instrument": small_instrument.pk})
    assert response.status_code == 200
    assert [gap["ref"] for gap in response.json()["gaps"]] == ["2", "4"]
    unknown = client.get(f"{URL}/gaps", {"party": "ZZZ", "instrument": small_instrument.pk})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["query", "party"]


def test_gaps_of_a_draft_instrument_are_422(client_as, party_a, draft_instrument):
    response = client_as(None).get(
        f"{URL}/gaps", {"party": "FRA", "instrument": draft_instrument.pk}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "instrument"]


def test_a_focal_point_records_a_law_of_its_party(client_as, focal_point, small_instrument):
    response = client_as(focal_point).post(
        URL, new_law(small_instrument.pk), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert [p["ref"] for p in response.json()["provisions"]] == ["1", "3"]
    assert Legislation.objects.get().history.get().history_user == focal_point


def test_recording_needs_credentials(client_as, party_a, small_instrument):
    response = client_as(None).post(
        URL, new_law(small_instrument.pk), content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("other_focal_point", 403),
        ("reviewer", 403),
        ("partner", 403),
        ("secretariat", 201),
        ("body_secretariat", 201),
    ],
)
def test_who_may_record_a_law_of_france(
    persona, status, request, client_as, party_a, small_instrument
):
    client = client_as(request.getfixturevalue(persona))
    response = client.post(URL, new_law(small_instrument.pk), content_type="application/json")
    assert response.status_code == status
    assert Legislation.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"party": "ZZZ"}, "party"),
        ({"kind": "treaty"}, "kind"),
        ({"url": "not a link"}, "url"),
        ({"provisions": [{"instrument": 999_999, "refs": ["1"]}]}, "provisions"),
        ({"adopted_on": "2020-01-01", "repealed_on": "2019-01-01"}, "repealed_on"),
    ],
)
def test_bad_input_is_422_naming_the_field(
    client_as, focal_point, small_instrument, changes, field
):
    response = client_as(focal_point).post(
        URL, new_law(small_instrument.pk, **changes), content_type="application/json"
    )
    assert response.status_code == 422, response.json()
    assert field in response.json()["detail"][0]["loc"]
    assert not Legislation.objects.exists()


def test_unknown_references_are_422_and_nothing_is_written(
    client_as, focal_point, small_instrument
):
    payload = new_law(
        small_instrument.pk, provisions=[{"instrument": small_instrument.pk, "refs": ["1", "99"]}]
    )
    response = client_as(focal_point).post(URL, payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "provisions"]
    assert not Legislation.objects.exists()


def test_provisions_of_a_draft_instrument_are_422(
    client_as, focal_point, party_a, draft_instrument
):
    response = client_as(focal_point).post(
        URL, new_law(draft_instrument.pk), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "provisions"]


def test_a_focal_point_changes_its_law(client_as, focal_point, french_law, small_instrument):
    response = client_as(focal_point).patch(
        f"{URL}/{french_law.pk}",
        {
            "repealed_on": "2025-12-31",
            "provisions": [{"instrument": small_instrument.pk, "refs": ["2"]}],
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert [p["ref"] for p in response.json()["provisions"]] == ["2"]
    french_law.refresh_from_db()
    assert french_law.title == "Law on the confiscation of criminal assets"
    assert french_law.history.first().history_user == focal_point


def test_a_change_without_provisions_keeps_them(client_as, focal_point, french_law):
    response = client_as(focal_point).patch(
        f"{URL}/{french_law.pk}", {"title": "Renamed law"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert [p["ref"] for p in response.json()["provisions"]] == ["1", "3"]


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "partner"])
def test_others_cannot_change_a_law(persona, request, client_as, french_law):
    response = client_as(request.getfixturevalue(persona)).patch(
        f"{URL}/{french_law.pk}", {"title": "Changed"}, content_type="application/json"
    )
    assert response.status_code == 403
    french_law.refresh_from_db()
    assert french_law.title != "Changed"


def test_a_bad_change_is_422_and_changes_nothing(client_as, focal_point, french_law):
    response = client_as(focal_point).patch(
        f"{URL}/{french_law.pk}",
        {"title": "Changed", "language": "zz"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "language"]
    french_law.refresh_from_db()
    assert french_law.title != "Changed"


def test_the_list_reads_a_constant_number_of_queries(
    client_as, focal_point, party_a, small_instrument, django_assert_max_num_queries
):
    from concord.directory.tests.contacts_fixtures import make_law

    for n in range(5):
        make_law(
            focal_point,
            party_a,
            title=f"Law {n}",
            provisions=list(small_instrument.provisions.all()),
        )
    with django_assert_max_num_queries(4):
        assert client_as(None).get(URL).json()["count"] == 5
