import datetime as dt

import pytest

from concord.cooperation import statistics
from concord.cooperation.disclosure import THRESHOLD
from concord.cooperation.tests.conftest import make_request

pytestmark = pytest.mark.django_db


def _cells(on=None) -> dict:
    return {
        (year["year"], cell["row"], cell["column"]): cell["count"]
        for year in statistics.api_statistics(on)["years"]
        for cell in year["cells"]
    }


def test_six_requests_of_one_kind_are_counted_and_a_small_cell_is_withheld(
    officer, registry_body, party_a
):
    for _ in range(6):
        make_request(officer, registry_body, party_a, sent_on=dt.date(2025, 5, 1))
    make_request(officer, registry_body, party_a, kind="arrest", sent_on=dt.date(2025, 6, 1))
    cells = _cells()
    assert cells[(2025, "total", "total")] == 7
    assert cells[(2025, "arrest", "sent")] is None
    assert cells[(2025, "identification", "sent")] is None or (
        cells[(2025, "identification", "sent")] >= THRESHOLD
    )
    assert all(count is None or count >= THRESHOLD for count in cells.values())


def test_drafts_count_for_nothing(officer, registry_body, party_a):
    make_request(officer, registry_body, party_a, send=False)
    assert statistics.api_statistics()["years"] == []


def test_a_sealed_request_changes_no_public_figure_until_it_may_be_unsealed(
    officer, registry_body, party_a
):
    for _ in range(6):
        make_request(officer, registry_body, party_a, sent_on=dt.date(2025, 5, 1))
    before = statistics.api_statistics()
    make_request(
        officer,
        registry_body,
        party_a,
        sent_on=dt.date(2025, 5, 2),
        classification="sealed",
        unseal_on=dt.date(2099, 1, 1),
    )
    assert statistics.api_statistics() == before
    later = _cells(on=dt.date(2099, 1, 1))
    assert later[(2025, "total", "total")] == 7


def test_fictitious_requests_are_said_to_be_in_the_figures(officer, registry_body, party_a):
    make_request(officer, registry_body, party_a, fictitious=True)
    assert statistics.api_statistics()["includes_fictitious"] is True
