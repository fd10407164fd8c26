"""The progress matrix and scorecard pages, as each persona, through the real HTTP stack."""

import re

import pytest

from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.progress_fixtures import *  # noqa: F403
from concord.reporting.tests.progress_fixtures import report


def matrix_page(client, cycle, query: str = ""):
    return client.get(f"/reporting/instruments/{cycle.instrument_id}/progress{query}")


def row_of(html: str, name: str) -> str:
    found = re.search(rf"<tr><th scope=\"row\"><a [^>]*>{name}</a>.*?</tr>", html, re.S)
    assert found, f"no row for {name}"
    return found.group(0)


def test_the_public_sees_published_cells_with_text_and_a_legend(reported, client_as):
    response = matrix_page(client_as(None), reported)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<table class="matrix">' in html and "<caption>" in html
    assert 'role="region"' in html and 'tabindex="0"' in html and "aria-label=" in html
    assert re.search(r'<th scope="col"><a href="/instruments/\d+/provisions/1">1</a></th>', html)
    ukraine = row_of(html, "Ukraine")
    assert 'class="status-largely"' in ukraine and ">LI<" in ukraine
    assert "Largely implemented" in html  # the legend says what LI means
    france = row_of(html, "France")
    assert "status-largely" not in france and "status-fully" not in france
    assert "Submitted" not in france


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "secretariat", "body_secretariat"])
def test_frances_people_see_its_submitted_cells_marked(persona, reported, client_as, request):
    html = matrix_page(client_as(request.getfixturevalue(persona)), reported).content.decode()
    france = row_of(html, "France")
    assert "(Submitted)" in france
    assert 'class="status-fully"' in france


@pytest.mark.parametrize("persona", ["other_focal_point", "partner"])
def test_others_do_not_see_frances_submitted_cells(persona, reported, client_as, request):
    html = matrix_page(client_as(request.getfixturevalue(persona)), reported).content.decode()
    assert "status-fully" not in row_of(html, "France")
    assert "status-fully" not in row_of(html, "Germany")  # a draft, shown to nobody


def test_the_form_compares_cycles_and_filters_by_group_and_status(reported, stocktaking, client_as):
    public = client_as(None)
    compared = matrix_page(public, reported, f"?cycle={reported.pk}&compare={stocktaking.pk}")
    ukraine = row_of(compared.content.decode(), "Ukraine")
    assert '<span class="visually-hidden">Worsened</span>' in ukraine
    assert '<span class="visually-hidden">Held</span>' in ukraine
    grouped = matrix_page(public, reported, "?group=eu").content.decode()
    assert "Ukraine</a>" not in grouped and "Germany</a>" in grouped
    by_status = matrix_page(public, reported, "?status=partially").content.decode()
    assert "Ukraine</a>" in by_status and "Germany</a>" not in by_status
    bad = matrix_page(public, reported, "?group=eu&status=mostly")
    assert bad.status_code == 200
    assert 'class="error"' in bad.content.decode()
    assert "Ukraine</a>" not in bad.content.decode()  # the valid filter still applies


def test_an_unpublished_instruments_matrix_is_not_found_for_the_public(
    scope_body, secretariat, party_a, client_as, body_secretariat, focal_point
):
    hidden = InstrumentFactory(body=scope_body, publication="in_review")
    ProvisionFactory(instrument=hidden, ref="1", seq=1)
    ProvisionFactory(instrument=hidden, ref="2", seq=2)
    cycle = open_cycle(hidden, secretariat, [party_a])
    report(cycle, party_a, {"1": "fully"})
    assert matrix_page(client_as(None), cycle).status_code == 404
    assert matrix_page(client_as(focal_point), cycle).status_code == 404
    assert matrix_page(client_as(body_secretariat), cycle).status_code == 200


def test_an_instrument_without_cycles_says_so(client_as):
    instrument = InstrumentFactory()
    response = client_as(None).get(f"/reporting/instruments/{instrument.pk}/progress")
    assert "No reporting cycle of this instrument yet." in response.content.decode()


def test_the_scorecard_counts_published_answers_for_the_public(reported, client_as):
    response = client_as(None).get("/reporting/parties/FRA/scorecard")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Scorecard of France" in html and "<caption>" in html
    assert "Stocktaking 2026" in html and "Self-assessment 2027" in html
    assert "none shown" in html
    assert "Submitted" not in html


def test_the_scorecard_shows_the_partys_people_its_submitted_cycle(
    reported, client_as, focal_point
):
    html = client_as(focal_point).get("/reporting/parties/FRA/scorecard").content.decode()
    assert "Submitted" in html
    assert "+67 points" in html
    assert "Improved: 1" in html


def test_the_scorecard_of_an_unknown_party_is_not_found(client_as, db):
    assert client_as(None).get("/reporting/parties/XXX/scorecard").status_code == 404
