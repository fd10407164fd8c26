"""The best practice pages: filtered by words and party, never naming a draft, and the
secretariat's forms that record and change practices."""

import pytest
from django.urls import reverse

from concord.directory.models import BestPractice
from concord.directory.tests.meetings_fixtures import *  # noqa: F403
from concord.directory.tests.meetings_fixtures import make_practice
from concord.registry.tests.factories import ProvisionFactory

LIST = reverse("directory:practice_list")


def detail(practice) -> str:
    return reverse("directory:practice", kwargs={"practice_id": practice.pk})


@pytest.fixture
def shared(secretariat, party_a, party_b, action_plan):
    return {
        "checklist": make_practice(secretariat, title="Checklist", parties=["FRA"]),
        "hotline": make_practice(
            secretariat, title="Hotline", description="A free telephone line.", parties=["UKR"]
        ),
    }


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({}, {"checklist", "hotline"}),
        ({"q": "TELEPHONE"}, {"hotline"}),
        ({"party": "FRA"}, {"checklist"}),
        ({"party": "FRA", "q": "telephone"}, set()),
    ],
)
def test_the_list_filters_by_words_and_party(query, shown, client_as, shared):
    response = client_as(None).get(LIST, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert {name for name, practice in shared.items() if detail(practice) in html} == shown


def test_a_bad_filter_is_reported_beside_its_field(client_as, shared):
    html = client_as(None).get(LIST, {"party": "ZZZ"}).content.decode()
    assert 'aria-describedby="id_party-error"' in html
    assert detail(shared["hotline"]) in html


def test_the_list_issues_a_constant_number_of_queries(
    client_as, secretariat, party_a, party_b, django_assert_max_num_queries
):
    for n in range(20):
        make_practice(secretariat, title=f"Practice {n:02}", parties=["FRA", "UKR"])
    with django_assert_max_num_queries(5):
        assert client_as(None).get(LIST).status_code == 200


def test_a_practice_links_its_parties_provisions_and_source(
    client_as, secretariat, party_a, action_plan
):
    practice = make_practice(secretariat, parties=["FRA"], provisions=[(action_plan.pk, "III.2")])
    html = client_as(None).get(detail(practice)).content.decode()
    assert reverse("portal:party", args=["FRA"]) in html
    assert (
        reverse("portal:provision", kwargs={"instrument_id": action_plan.pk, "ref": "III.2"})
        in html
    )
    assert 'href="https://www.osce.org/odihr/13967"' in html


def test_a_practice_never_names_a_provision_of_an_unpublished_instrument(
    client_as, secretariat, draft_decision
):
    ProvisionFactory(instrument=draft_decision, ref="7", text="Secret text.")
    practice = make_practice(secretariat, provisions=[(draft_decision.pk, "7")])
    html = client_as(secretariat).get(detail(practice)).content.decode()
    assert draft_decision.symbol not in html
    assert reverse("portal:instrument", args=[draft_decision.pk]) not in html


def test_an_unknown_practice_is_404(client_as, db):
    url = reverse("directory:practice", kwargs={"practice_id": 9})
    assert client_as(None).get(url).status_code == 404


# Recording and changing a best practice -----------------------------------------------------

NEW = reverse("directory:practice_new")


def edit_url(practice) -> str:
    return reverse("directory:practice_edit", kwargs={"practice_id": practice.pk})


def form_data(**changes) -> dict:
    return {
        "title": "Referral checklist",
        "description": "A checklist the police use to refer victims.",
        "source": "Annual report",
        "source_url": "https://example.org/report",
        **changes,
    }


def test_the_secretariat_records_a_practice_with_its_provisions(
    client_as, secretariat, party_a, party_b, action_plan
):
    client = client_as(secretariat)
    url = f"{NEW}?instrument={action_plan.pk}"
    html = client.get(url).content.decode()
    second = action_plan.provisions.get(ref="III.2")
    assert f'value="{second.pk}" id="id_provisions_' in html
    data = form_data(parties=["FRA", "UKR"], provisions=[second.pk])
    response = client.post(url, data, follow=True)
    practice = BestPractice.objects.get()
    assert response.redirect_chain == [(detail(practice), 302)]
    assert "The best practice is recorded." in response.content.decode()
    assert (practice.title, practice.source_url) == (
        "Referral checklist",
        "https://example.org/report",
    )
    assert {p.code for p in practice.parties.all()} == {"FRA", "UKR"}
    assert [p.ref for p in practice.provisions.all()] == ["III.2"]
    assert practice.history.get().history_user == secretariat


def test_a_practice_may_be_recorded_without_provisions(client_as, secretariat):
    html = client_as(secretariat).get(NEW).content.decode()
    assert "Choose an instrument above" in html
    assert client_as(secretariat).post(NEW, form_data()).status_code == 302
    assert not BestPractice.objects.get().provisions.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": ""}, "description"),
        ({"source_url": "not a link"}, "source_url"),
        ({"parties": ["ZZZ"]}, "parties"),
        ({"title": "x" * 501}, "title"),
    ],
)
def test_a_bad_practice_is_422_with_the_field_marked_and_nothing_written(
    changes, field, client_as, secretariat, party_a
):
    response = client_as(secretariat).post(NEW, form_data(**changes))
    html = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_{field}-error"' in html
    assert 'aria-invalid="true"' in html and "<title>Error:" in html
    assert not BestPractice.objects.exists()


def test_an_instrument_the_person_may_not_see_is_404(client_as, secretariat, draft_decision):
    client = client_as(secretariat)
    assert client.get(NEW, {"instrument": draft_decision.pk}).status_code == 200
    assert client.get(NEW, {"instrument": "99999"}).status_code == 404
    assert client.get(NEW, {"instrument": "x"}).status_code == 404


def test_a_scoped_secretariat_picks_only_instruments_open_to_it(
    client_as, body_secretariat, draft_decision, scoped_draft
):
    client = client_as(body_secretariat)
    assert client.get(NEW, {"instrument": draft_decision.pk}).status_code == 404
    html = client.get(NEW, {"instrument": scoped_draft.pk}).content.decode()
    assert f'<option value="{scoped_draft.pk}" selected>' in html
    assert draft_decision.title not in html


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "partner"])
def test_people_without_the_role_cannot_record_or_change_practices(
    persona, request, client_as, secretariat
):
    practice = make_practice(secretariat)
    client = client_as(request.getfixturevalue(persona))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert client.get(edit_url(practice)).status_code == 403
    assert client.post(edit_url(practice), form_data(title="Taken over")).status_code == 403
    assert BestPractice.objects.get().title == practice.title


def test_the_public_is_sent_to_sign_in(client_as, secretariat):
    practice = make_practice(secretariat)
    client = client_as(None)
    for url in (NEW, edit_url(practice)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login" in response["Location"]
    assert client.post(NEW, form_data()).status_code == 302
    assert BestPractice.objects.count() == 1


def test_the_secretariat_changes_a_practice_keeping_provisions_of_other_instruments(
    client_as, secretariat, party_a, party_b, action_plan, published_decision
):
    ProvisionFactory(instrument=published_decision, seq=1, ref="5", text="Cooperate.")
    practice = make_practice(
        secretariat,
        parties=["FRA"],
        provisions=[(action_plan.pk, "III.1"), (published_decision.pk, "5")],
    )
    client = client_as(secretariat)
    html = client.get(edit_url(practice)).content.decode()
    assert 'value="National referral mechanism"' in html
    assert "It also serves 1 provision of other instruments" in html
    url = f"{edit_url(practice)}?instrument={action_plan.pk}"
    second = action_plan.provisions.get(ref="III.2")
    data = form_data(title="Renamed practice", parties=["UKR"], provisions=[second.pk])
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(detail(practice), 302)]
    assert "The best practice is saved." in response.content.decode()
    practice.refresh_from_db()
    assert practice.title == "Renamed practice"
    assert [p.code for p in practice.parties.all()] == ["UKR"]
    assert {(p.instrument_id, p.ref) for p in practice.provisions.all()} == {
        (action_plan.pk, "III.2"),
        (published_decision.pk, "5"),
    }
    latest = practice.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == secretariat and latest.history_type == "~"


def test_a_bad_change_is_422_and_changes_nothing(client_as, secretariat, party_a):
    practice = make_practice(secretariat, parties=["FRA"])
    data = form_data(title="Half written", description="", parties=[])
    response = client_as(secretariat).post(edit_url(practice), data)
    assert response.status_code == 422
    assert 'id="id_description-error"' in response.content.decode()
    practice.refresh_from_db()
    assert practice.title == "National referral mechanism"
    assert [p.code for p in practice.parties.all()] == ["FRA"]
    assert practice.history.count() == 1


def test_a_change_keeps_the_provisions_the_writer_cannot_see(
    client_as, secretariat, body_secretariat, draft_decision, action_plan
):
    ProvisionFactory(instrument=draft_decision, ref="7", text="Secret text.")
    practice = make_practice(
        secretariat, provisions=[(draft_decision.pk, "7"), (action_plan.pk, "III.1")]
    )
    client = client_as(body_secretariat)
    url = f"{edit_url(practice)}?instrument={action_plan.pk}"
    assert "Secret text." not in client.get(url).content.decode()
    assert client.post(url, form_data(provisions=[])).status_code == 302
    assert [p.ref for p in practice.provisions.all()] == ["7"]


def test_changing_an_unknown_practice_is_404(client_as, secretariat):
    url = reverse("directory:practice_edit", kwargs={"practice_id": 9})
    assert client_as(secretariat).get(url).status_code == 404


@pytest.mark.parametrize(
    ("persona", "shown"),
    [(None, False), ("focal_point", False), ("secretariat", True), ("body_secretariat", True)],
)
def test_the_links_to_the_forms_are_shown_to_the_secretariat_only(
    persona, shown, request, client_as, secretariat
):
    practice = make_practice(secretariat)
    client = client_as(request.getfixturevalue(persona) if persona else None)
    assert (f'href="{NEW}"' in client.get(LIST).content.decode()) is shown
    edit = f'href="{edit_url(practice)}"'
    assert (edit in client.get(detail(practice)).content.decode()) is shown
