"""The public statistics page: one protected table per year, and why figures are withheld."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from concord.cooperation.tests.conftest import make_request, sent_in

pytestmark = pytest.mark.django_db

URL = reverse("cooperation:statistics")


def cells(text: str, caption_year: int) -> list[str]:
    table = text.split(f'id="caption-{caption_year}"')[1].split("</table>")[0]
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table)]


def test_anyone_reads_the_statistics_without_signing_in(client, db):
    response = client.get(URL)
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Statistics of cooperation requests</h1>" in text
    assert "No request has been counted yet." in text


def test_one_table_per_year_with_small_figures_withheld(client, officer, registry_body, party_a):
    sent_in(2024, 6, officer, registry_body, party_a)
    sent_in(2025, 2, officer, registry_body, party_a, kind="seizure")
    text = client.get(URL).content.decode()
    assert text.index('id="caption-2025"') < text.index('id="caption-2024"')
    assert (
        '<th scope="col">Sent</th>' in text
        and '<th scope="row">Identification of assets</th>' in text
    )
    assert "<caption" in text and 'scope="row">Total</th>' in text
    year_2024 = cells(text, 2024)
    assert "6" in year_2024  # six identifications, still "sent": enough to publish
    year_2025 = cells(text, 2025)
    assert "2" not in year_2025 and "fewer than 5 or withheld" in " ".join(year_2025)
    assert "A figure below 5 is not published" in text
    assert "fictitious" not in text


def test_fictitious_requests_are_announced(client, officer, registry_body, party_a):
    sent_in(2023, 1, officer, registry_body, party_a, fictitious=True)
    text = client.get(URL).content.decode()
    assert "These figures include fictitious requests" in text


def test_a_sealed_request_changes_no_figure(client, officer, registry_body, party_a):
    sent_in(2024, 5, officer, registry_body, party_a)
    before = cells(client.get(URL).content.decode(), 2024)
    sent_in(
        2024,
        1,
        officer,
        registry_body,
        party_a,
        classification="sealed",
        unseal_on=dt.date.today() + dt.timedelta(days=365),
    )
    assert cells(client.get(URL).content.decode(), 2024) == before
    assert "5" in before


def test_drafts_are_not_counted(client, officer, registry_body, party_a):
    make_request(officer, registry_body, party_a, send=False)
    assert "No request has been counted yet." in client.get(URL).content.decode()


def test_the_current_year_is_not_published_until_it_has_ended(
    client, officer, registry_body, party_a
):
    for _ in range(6):
        make_request(officer, registry_body, party_a)
    assert "No request has been counted yet." in client.get(URL).content.decode()
