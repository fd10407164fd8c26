"""A results framework printed twice (a strategy and its work plan) is one framework."""

import pytest

from concord.registry.models import ResultsNode
from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    """A strategy listing outputs A1 and A2, and its work plan printing A1 with an activity."""
    strategy = InstrumentFactory(kind="strategy", title="Resource mobilization strategy")
    work_plan = InstrumentFactory(kind="work_plan", title="Work plan 2010-2013")
    outcome = ResultsNode.objects.create(
        framework=strategy, seq=1, level="outcome", code="A", title="Broad partnership"
    )
    a1 = ResultsNode.objects.create(
        framework=strategy, seq=2, level="output", code="A1", parent=outcome, title="Plan"
    )
    a2 = ResultsNode.objects.create(
        framework=strategy, seq=3, level="output", code="A2", parent=outcome, title="Dialogue"
    )
    activity = ResultsNode.objects.create(
        framework=strategy, seq=4, level="activity", code="A.1.1", parent=a1, title="Survey"
    )
    printed = {
        "strategy A1": ProvisionFactory(instrument=strategy, ref="11.A.1", results_node=a1),
        "strategy A2": ProvisionFactory(instrument=strategy, ref="11.A.2", results_node=a2),
        "plan A1": ProvisionFactory(instrument=work_plan, ref="A.1", results_node=a1),
        "plan A.1.1": ProvisionFactory(instrument=work_plan, ref="A.1.1", results_node=activity),
    }
    return strategy, work_plan, printed


def test_the_api_gives_each_node_once_with_every_provision_that_prints_it(client, framework):
    strategy, work_plan, _printed = framework
    for instrument in (strategy, work_plan):
        nodes = client.get(f"/api/instruments/{instrument.pk}/results-framework").json()
        assert [(n["code"], n["level"]) for n in nodes] == [
            ("A", "outcome"),
            ("A1", "output"),
            ("A2", "output"),
            ("A.1.1", "activity"),
        ]
        a1 = nodes[1]
        assert a1["framework"] == strategy.pk and a1["parent"] == nodes[0]["id"]
        assert a1["printed_in"] == [
            {"instrument": strategy.pk, "ref": "11.A.1"},
            {"instrument": work_plan.pk, "ref": "A.1"},
        ]


def test_an_unpublished_printing_or_framework_stays_hidden(client, framework):
    strategy, work_plan, _printed = framework
    work_plan.publication = "in_review"
    work_plan.save()
    nodes = client.get(f"/api/instruments/{strategy.pk}/results-framework").json()
    assert nodes[1]["printed_in"] == [{"instrument": strategy.pk, "ref": "11.A.1"}]
    assert client.get(f"/api/instruments/{work_plan.pk}/results-framework").status_code == 404
    strategy.publication = "in_review"
    strategy.save()
    work_plan.publication = "published"
    work_plan.save()
    assert client.get(f"/api/instruments/{work_plan.pk}/results-framework").json() == []


def test_an_instrument_without_a_framework_answers_an_empty_list(client, published_instrument):
    url = f"/api/instruments/{published_instrument.pk}/results-framework"
    assert client.get(url).json() == []


def test_the_instrument_page_shows_the_framework_and_where_each_node_is_printed(client, framework):
    strategy, work_plan, _printed = framework
    page = client.get(f"/instruments/{work_plan.pk}").content.decode()
    assert 'id="results-framework"' in page
    assert (
        f'<th scope="col">In {strategy.title}</th><th scope="col">In this instrument</th>' in page
    )
    a2 = page[page.index('<span class="symbol">A2</span>') :]
    a2 = a2[: a2.index("</tr>")]
    assert f'href="/instruments/{strategy.pk}/provisions/11.A.2">11.A.2</a>' in a2
    assert "not printed" in a2


def test_the_provision_page_names_the_node_and_its_other_printings(client, framework):
    strategy, work_plan, _printed = framework
    page = client.get(f"/instruments/{work_plan.pk}/provisions/A.1").content.decode()
    assert "A1" in page and f"11.A.1 of {strategy.title}" in page


def test_a_provision_page_lists_no_statement_made_on_an_unpublished_instrument(client, framework):
    strategy, _work_plan, printed = framework
    hidden = InstrumentFactory(title="Decision under review", publication="in_review")
    statement = StatementFactory(instrument=hidden, label="Attachment 9")
    statement.provisions.add(printed["strategy A1"])
    page = client.get(f"/instruments/{strategy.pk}/provisions/11.A.1").content.decode()
    assert "Attachment 9" not in page
    hidden.publication = "published"
    hidden.save()
    page = client.get(f"/instruments/{strategy.pk}/provisions/11.A.1").content.decode()
    assert "Attachment 9" in page
