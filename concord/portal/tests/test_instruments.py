import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def detail_url(instrument) -> str:
    return reverse("portal:instrument", args=[instrument.pk])


def test_instrument_list_shows_published_instruments_only(client, registry):
    response = client.get(reverse("portal:instrument_list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Decision on combating trafficking" in text
    assert "PC.DEC/1107/Corr.1" in text
    assert "Confidential draft" not in text


def test_instrument_list_filters_by_kind(client, registry):
    response = client.get(reverse("portal:instrument_list"), {"kind": "decision"})
    titles = {i.title for i in response.context["page"]}
    assert titles == {
        "Decision on combating trafficking",
        "Decision on combating trafficking, corrigendum",
    }


def test_instrument_list_filters_by_body(client, registry):
    response = client.get(reverse("portal:instrument_list"), {"body": "pc"})
    assert {i.symbol for i in response.context["page"]} == {"PC.DEC/1107", "PC.DEC/1107/Corr.1"}


def test_instrument_list_filters_by_party(client, registry):
    response = client.get(reverse("portal:instrument_list"), {"party": "UKR"})
    assert [i.symbol for i in response.context["page"]] == ["PC.DEC/1107"]


def test_instrument_list_filters_by_words(client, registry):
    response = client.get(reverse("portal:instrument_list"), {"q": "corruption"})
    assert [i.symbol for i in response.context["page"]] == ["AP/2001"]


def test_instrument_list_ignores_an_unknown_kind_and_says_so(client, registry):
    response = client.get(reverse("portal:instrument_list"), {"kind": "spaceship"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
    assert "Select a valid choice" in response.content.decode()


def test_instrument_list_pages_keep_the_filters(client, db):
    body = factories.BodyFactory(code="assembly")
    factories.InstrumentFactory.create_batch(30, body=body)
    response = client.get(reverse("portal:instrument_list"), {"body": "assembly"})
    assert len(response.context["page"].object_list) == 25
    assert "?body=assembly&amp;page=2" in response.content.decode()
    second = client.get(reverse("portal:instrument_list"), {"body": "assembly", "page": 2})
    assert len(second.context["page"].object_list) == 5


def test_instrument_list_costs_the_same_queries_for_10_and_30_rows(client, db):
    def queries_for(rows: int) -> int:
        factories.InstrumentFactory.create_batch(rows)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portal:instrument_list")).status_code == 200
        return len(captured)

    assert queries_for(10) == queries_for(20)


def test_instrument_detail_shows_facts_tree_participants_and_statements(client, registry):
    response = client.get(detail_url(registry.instrument))
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Decision on combating trafficking</h1>" in text
    assert "PC.DEC/1107" in text
    assert '<time datetime="2013-12-06">6 December 2013</time>' in text
    assert 'href="/bodies/pc"' in text
    assert '<em class="verb">Urges</em> the participating States' in text
    assert 'id="p-III.5"' in text
    assert "participating States" in text
    assert "Bracketed, not yet agreed" in text
    assert "Placeholder" in text
    assert 'href="/parties/FRA"' in text
    assert '<time datetime="2001-11">November 2001</time>' in text
    assert "by 31 May 2004" in text
    assert f'id="statement-{registry.statement.pk}"' in text
    assert f'href="#statement-{registry.statement.pk}"' in text
    assert "Describes itself as: Reservation" in text
    assert "See the Action Plan." in text
    assert "000-adb-oecd.txt, para 19" in text
    assert "004-osce.txt, decision header" in text
    assert "Confidential draft" not in text


def test_instrument_detail_nests_provisions_under_their_parents(client, registry):
    tree = client.get(detail_url(registry.instrument)).context["tree"]
    assert [node.provision.ref for node in tree] == ["III"]
    assert [node.provision.ref for node in tree[0].children] == ["III.5", "III.6"]
    assert [node.provision.ref for node in tree[0].children[0].children] == ["III.5.a"]
    assert tree[0].children[0].statements == [registry.statement]


def test_instrument_detail_shows_the_revision_chain_and_relations_both_ways(client, registry):
    text = client.get(detail_url(registry.instrument)).content.decode()
    assert "PC.DEC/1107/Corr.1" in text
    assert "This instrument recalls" in text
    corrigendum = client.get(detail_url(registry.corrigendum)).content.decode()
    assert f'href="{detail_url(registry.instrument)}"' in corrigendum
    other = registry.instrument.relations_out.get().target
    recalled = client.get(detail_url(other)).content.decode()
    assert "recalls this instrument" in recalled


def test_unknown_instrument_gives_404(client, db):
    assert client.get(reverse("portal:instrument", args=[999999])).status_code == 404


def test_unpublished_instrument_gives_404(client, registry):
    assert client.get(detail_url(registry.unpublished)).status_code == 404


def test_provisions_of_an_unpublished_instrument_give_404(client, registry):
    url = reverse("portal:provision", args=[registry.unpublished.pk, "op.1"])
    assert client.get(url).status_code == 404


def test_instrument_asked_for_in_french_shows_the_french_title(client, registry):
    response = client.get(detail_url(registry.instrument), HTTP_ACCEPT_LANGUAGE="fr")
    text = response.content.decode()
    assert "<h1>Décision sur la lutte contre la traite</h1>" in text
    assert "Not yet available in" not in text


def test_instrument_asked_for_in_french_says_when_it_falls_back_to_english(client, registry):
    response = client.get(detail_url(registry.corrigendum), HTTP_ACCEPT_LANGUAGE="fr")
    text = response.content.decode()
    assert '<h1><span lang="en">Decision on combating trafficking, corrigendum</span></h1>' in text
    assert "Not yet available in French; shown in English." in text


def test_provision_page_shows_its_parent_chain_children_and_statements(client, registry):
    url = reverse("portal:provision", args=[registry.instrument.pk, "III.5"])
    response = client.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Provision III.5" in text
    assert reverse("portal:provision", args=[registry.instrument.pk, "III"]) in text
    assert reverse("portal:provision", args=[registry.instrument.pk, "III.5.a"]) in text
    assert "France: Interpretative statement" in text
    assert "See the Action Plan." in text
    assert f"{detail_url(registry.instrument)}#p-III.5" in text


def test_unknown_provision_gives_404(client, registry):
    url = reverse("portal:provision", args=[registry.instrument.pk, "IX.9"])
    assert client.get(url).status_code == 404


def test_instrument_detail_costs_the_same_queries_for_10_and_30_provisions(client, db):
    def queries_for(rows: int) -> int:
        instrument = factories.InstrumentFactory()
        parent = factories.ProvisionFactory(instrument=instrument)
        for _n in range(rows):
            provision = factories.ProvisionFactory(instrument=instrument, parent=parent, depth=1)
            statement = factories.StatementFactory(instrument=instrument)
            statement.provisions.add(provision)
            factories.ParticipationFactory(instrument=instrument)
        ContentType.objects.clear_cache()  # both runs look the citation types up afresh
        with CaptureQueriesContext(connection) as captured:
            assert client.get(detail_url(instrument)).status_code == 200
        return len(captured)

    assert queries_for(10) == queries_for(30)


def test_instrument_list_in_french_marks_english_titles_as_english(client, registry):
    response = client.get(reverse("portal:instrument_list"), HTTP_ACCEPT_LANGUAGE="fr")
    text = response.content.decode()
    assert "Décision sur la lutte contre la traite" in text
    assert '<span lang="en">Action plan against corruption</span>' in text
