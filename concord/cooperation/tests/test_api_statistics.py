"""The public statistics API: the disclosure-protected figures, for anyone."""

import datetime as dt

import pytest

from concord.cooperation import statistics
from concord.cooperation.tests.conftest import sent_in

pytestmark = pytest.mark.django_db

URL = "/api/cooperation/statistics"


def test_anyone_reads_the_statistics_as_the_service_gives_them(
    client, officer, registry_body, party_a
):
    sent_in(2025, 6, officer, registry_body, party_a)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body == statistics.api_statistics()
    [year] = body["years"]
    assert year["year"] == 2025
    cells = {(cell["row"], cell["column"]): cell for cell in year["cells"]}
    assert cells["total", "total"]["count"] == 6
    # One line holding every request would give its cell away: it is withheld.
    assert cells["identification", "sent"]["count"] is None
    assert cells["identification", "sent"]["shown"] == cells["freezing", "sent"]["shown"]
    assert body["threshold"] == 5


def test_a_request_under_seal_changes_no_public_figure(client, officer, registry_body, party_a):
    sent_in(2025, 6, officer, registry_body, party_a)
    before = client.get(URL).json()
    sent_in(
        2025,
        1,
        officer,
        registry_body,
        party_a,
        classification="sealed",
        unseal_on=dt.date(2040, 1, 1),
    )
    assert client.get(URL).json() == before
