import datetime as dt

import pytest

from concord.cooperation import requesting, statistics
from concord.cooperation.disclosure import THRESHOLD
from concord.cooperation.models import CooperationRequest, RequestStatus
from concord.cooperation.tests.conftest import make_request, sent_in

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
    sent_in(2025, 6, officer, registry_body, party_a)
    sent_in(2025, 1, officer, registry_body, party_a, kind="arrest")
    cells = _cells()
    assert cells[(2025, "total", "total")] == 7
    assert cells[(2025, "arrest", "sent")] is None
    assert all(count is None or count >= THRESHOLD for count in cells.values())


def test_a_year_is_published_once_ended_and_every_year_since_the_first_is_shown(
    officer, registry_body, party_a
):
    sent_in(2023, 6, officer, registry_body, party_a)
    make_request(officer, registry_body, party_a)
    assert [y["year"] for y in statistics.api_statistics()["years"]] == [2025, 2024, 2023]


def test_what_became_of_a_request_after_its_year_changes_no_figure(officer, registry_body, party_a):
    requests = sent_in(2025, 6, officer, registry_body, party_a)
    before = statistics.api_statistics()
    requesting.request_update(
        user=officer, request=requests[0], changes={"status": RequestStatus.EXECUTED}
    )
    CooperationRequest.objects.filter(pk=requests[1].pk).update(classification="sealed")
    assert statistics.api_statistics() == before


def test_drafts_count_for_nothing(officer, registry_body, party_a):
    make_request(officer, registry_body, party_a, send=False)
    assert statistics.api_statistics()["years"] == []


def test_a_sealed_request_is_never_counted(officer, registry_body, party_a):
    sent_in(2025, 6, officer, registry_body, party_a)
    before = statistics.api_statistics()
    sent_in(
        2025,
        1,
        officer,
        registry_body,
        party_a,
        classification="sealed",
        unseal_on=dt.date(2026, 1, 1),
    )
    assert statistics.api_statistics() == before


def test_fictitious_requests_are_said_to_be_in_the_figures(officer, registry_body, party_a):
    sent_in(2025, 1, officer, registry_body, party_a, fictitious=True)
    assert statistics.api_statistics()["includes_fictitious"] is True
