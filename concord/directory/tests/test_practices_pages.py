"""The best practice pages: filtered by words and party, and never naming a draft."""

import pytest
from django.urls import reverse

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
