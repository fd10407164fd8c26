import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from concord.portal.opendata import TABLES

pytestmark = pytest.mark.django_db


def download(client, table: str, fmt: str):
    response = client.get(reverse("portal:download", args=[table, fmt]))
    assert response.status_code == 200
    return response


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_open_data_page_lists_every_table_in_every_format(client, db):
    text = client.get(reverse("portal:data")).content.decode()
    for table in TABLES:
        for fmt in ("csv", "json", "xlsx"):
            assert f'href="/data/{table}.{fmt}"' in text
    assert "CC-BY-4.0" in text


@pytest.mark.parametrize("table", list(TABLES))
def test_csv_download_parses_and_carries_licence_and_date(client, registry, table):
    response = download(client, table, "csv")
    today = timezone.now().date().isoformat()
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="concord-{table}-{today}.csv"' in response["Content-Disposition"]
    assert 'rel="license"' in response["Link"]
    assert "creativecommons.org/licenses/by/4.0" in response["Link"]
    assert response["X-Licence"] == "CC-BY-4.0"
    assert response["Last-Modified"]
    rows = list(csv.reader(io.StringIO(body_of(response).decode())))
    assert rows[0] == TABLES[table].column_names
    assert len(rows) > 1


@pytest.mark.parametrize("table", list(TABLES))
def test_json_download_parses_and_carries_licence_and_date(client, registry, table):
    response = download(client, table, "json")
    document = json.loads(body_of(response))
    assert document["licence"] == "CC-BY-4.0"
    produced = dt.datetime.fromisoformat(document["produced"])
    assert abs(timezone.now() - produced) < dt.timedelta(minutes=5)
    assert document["table"] == table
    assert list(document["columns"]) == TABLES[table].column_names
    assert document["items"]
    assert set(document["items"][0]) == set(TABLES[table].column_names)


@pytest.mark.parametrize("table", list(TABLES))
def test_xlsx_download_opens_with_a_readme_sheet(client, registry, table):
    response = download(client, table, "xlsx")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["README", table]
    readme = {row[0]: row[1] for row in workbook["README"].iter_rows(values_only=True) if row}
    assert readme["Licence"] == "CC-BY-4.0"
    assert readme["Produced"].startswith(timezone.now().date().isoformat())
    data = list(workbook[table].iter_rows(values_only=True))
    assert list(data[0]) == TABLES[table].column_names
    assert len(data) > 1


def test_downloads_hold_only_published_records(client, registry):
    for table in ("instruments", "provisions", "participation", "statements"):
        text = body_of(download(client, table, "csv")).decode()
        assert "SECRET/1" not in text
        assert "Secret freezing text" not in text
        assert "A hidden statement." not in text


def test_downloads_keep_date_precision_and_provision_links(client, registry):
    participation = json.loads(body_of(download(client, "participation", "json")))["items"]
    assert {p["party"]: p["start"] for p in participation} == {
        "FRA": "2001-11",
        "UKR": registry.instrument.participations.get(party=registry.ukraine).start.edtf,
    }
    statements = json.loads(body_of(download(client, "statements", "json")))["items"]
    assert statements[0]["provisions"] == "III.5"
    provisions = list(
        csv.DictReader(io.StringIO(body_of(download(client, "provisions", "csv")).decode()))
    )
    bracketed = next(p for p in provisions if p["ref"] == "III.6")
    assert bracketed["bracketed"] == "true"
    assert bracketed["parent"] == "III"


def test_unknown_table_or_format_gives_404(client, db):
    assert client.get("/data/secrets.csv").status_code == 404
    assert client.get("/data/parties.pdf").status_code == 404
