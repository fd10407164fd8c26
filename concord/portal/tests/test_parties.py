import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concord.registry import models
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def test_party_list_shows_every_party(client, registry):
    response = client.get(reverse("portal:party_list"))
    assert response.status_code == 200
    assert {p.code for p in response.context["page"]} == {"FRA", "UKR"}


def test_party_list_filters_by_group(client, registry):
    response = client.get(reverse("portal:party_list"), {"group": "osce-states"})
    assert [p.code for p in response.context["page"]] == ["FRA"]


def test_party_list_filters_by_kind(client, registry):
    factories.PartyFactory(code="fao", name="FAO", kind=models.PartyKind.ORGANIZATION)
    response = client.get(reverse("portal:party_list"), {"kind": "organization"})
    assert [p.code for p in response.context["page"]] == ["fao"]


def test_party_list_filters_by_name(client, registry):
    response = client.get(reverse("portal:party_list"), {"q": "ukr"})
    assert [p.code for p in response.context["page"]] == ["UKR"]


def test_party_list_costs_the_same_queries_for_10_and_30_rows(client, db):
    def queries_for(rows: int) -> int:
        factories.PartyFactory.create_batch(rows)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portal:party_list")).status_code == 200
        return len(captured)

    assert queries_for(10) == queries_for(20)


def test_party_detail_shows_groups_participation_and_statements(client, registry):
    response = client.get(reverse("portal:party", args=["FRA"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1>France</h1>" in text
    assert 'href="/groups/osce-states"' in text
    assert '<time datetime="1995">1995</time>' in text
    assert f'href="/instruments/{registry.instrument.pk}"' in text
    assert "Endorsed" in text
    assert "France expresses its reservation" in text
    assert f'href="/instruments/{registry.instrument.pk}/provisions/III.5"' in text
    assert "000-adb-oecd.txt, para 19" in text


def test_party_detail_hides_unpublished_instruments(client, registry):
    text = client.get(reverse("portal:party", args=["UKR"])).content.decode()
    assert "Confidential draft" not in text
    assert "SECRET/1" not in text
    text = client.get(reverse("portal:party", args=["FRA"])).content.decode()
    assert "A hidden statement." not in text


def test_party_asked_for_in_french_shows_the_french_name(client, registry):
    registry.france.set_translation("fr", "name", "la France")
    registry.france.save()
    text = client.get(
        reverse("portal:party", args=["FRA"]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "<h1>la France</h1>" in text
    ukraine = client.get(
        reverse("portal:party", args=["UKR"]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert '<h1><span lang="en">Ukraine</span></h1>' in ukraine
    assert "Not yet available in French; shown in English." in ukraine


def test_unknown_party_gives_404(client, db):
    assert client.get(reverse("portal:party", args=["XXX"])).status_code == 404


def test_group_list_and_detail_show_members_with_dates(client, registry):
    assert "OSCE participating States" in client.get(reverse("portal:group_list")).content.decode()
    response = client.get(reverse("portal:group", args=["osce-states"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="/parties/FRA"' in text
    assert '<time datetime="1995">1995</time>' in text


def test_unknown_group_gives_404(client, db):
    assert client.get(reverse("portal:group", args=["nowhere"])).status_code == 404


def test_party_detail_costs_the_same_queries_for_10_and_30_instruments(client, db):
    def queries_for(rows: int) -> int:
        party = factories.PartyFactory()
        for _n in range(rows):
            participation = factories.ParticipationFactory(party=party)
            statement = factories.StatementFactory(party=party, instrument=participation.instrument)
            statement.provisions.add(
                factories.ProvisionFactory(instrument=participation.instrument)
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portal:party", args=[party.code])).status_code == 200
        return len(captured)

    assert queries_for(10) == queries_for(30)
