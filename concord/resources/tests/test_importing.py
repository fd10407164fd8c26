"""Importing contributions from CSV and XLSX: a good file, each kind of error leaving nothing
behind, the valid rows when asked, updates of recorded references, and the round trip through
``concord resources export``."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from concord.audit.context import Source
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
)
from concord.resources.importing import contributions_import
from concord.resources.models import Allocation, Contribution, StatusChange
from concord.resources.tests.conftest import DAY

pytestmark = pytest.mark.django_db

HEADER = (
    "reference,title,partner,organization,modality,country,region,amount,currency,status,"
    "status_on,starts_on,ends_on,source,published,allocations"
)
GOOD = [
    "NL-1,Support to FMM,NLD,org,fmm,,,1000000,USD,approved,2012-06-30,2012-07-01,2013-12-31,"
    "Agreement 1,yes,A.1.1:60;B1:400000 USD",
    "SE-1,Inputs window,Sweden,org,airc,,,800000.50,EUR,signed,2012-05-01,,,,no,A1:100",
    "NL-2,A pledge,Netherlands,org,,,,,,pipeline,2012-01-15,,,,no,",
]


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


@pytest.fixture
def setting(org_secretariat, netherlands, sweden, framework, modalities):
    return framework


def run(user, data: bytes, framework=None, **options):
    return contributions_import(user=user, data=data, framework=framework, **options)


def test_a_good_file_records_every_contribution_with_its_allocations(setting, org_secretariat):
    report = run(org_secretariat, csv_file(*GOOD), setting)
    assert report.errors == [] and report.written
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    dutch = Contribution.objects.get(reference="NL-1")
    assert (dutch.amount, dutch.currency, dutch.status, dutch.status_on) == (
        Decimal("1000000"),
        "USD",
        "approved",
        DAY,
    )
    assert dutch.published and dutch.modality.code == "fmm" and dutch.source == "Agreement 1"
    assert dutch.ends_on == dt.date(2013, 12, 31)
    assert sorted((a.node.code, a.share, a.amount) for a in dutch.allocations.all()) == [
        ("A.1.1", Decimal("60"), None),
        ("B1", None, Decimal("400000")),
    ]
    swedish = Contribution.objects.get(reference="SE-1")
    assert swedish.partner.party.code == "SWE" and swedish.amount == Decimal("800000.50")
    assert not Contribution.objects.get(reference="NL-2").allocations.exists()
    record = dutch.history.earliest()
    assert record.history_user == org_secretariat and record.history_source == Source.IMPORT


ERRORS = [
    ("NL-1,T,Nowhere,org,,,,1,USD,approved,2012-06-30,,,,no,", "partner", "No party"),
    ("NL-1,T,NLD,nobody,,,,1,USD,approved,2012-06-30,,,,no,", "organization", "No body"),
    ("NL-1,T,NLD,org,gcp,,,1,USD,approved,2012-06-30,,,,no,", "modality", "gcp"),
    ("NL-1,T,NLD,org,,,,1 000,USD,approved,2012-06-30,,,,no,", "amount", "not a number"),
    ("NL-1,T,NLD,org,,,,-5,USD,approved,2012-06-30,,,,no,", "amount", "zero or more"),
    ("NL-1,T,NLD,org,,,,5,XYZ,approved,2012-06-30,,,,no,", "currency", "XYZ"),
    ("NL-1,T,NLD,org,,,,5,,approved,2012-06-30,,,,no,", "currency", "needs its currency"),
    ("NL-1,T,NLD,org,,,,5,USD,paid,2012-06-30,,,,no,", "status", "one of"),
    ("NL-1,T,NLD,org,,,,5,USD,approved,30/06/2012,,,,no,", "status_on", "not a date"),
    ("NL-1,T,NLD,org,,,,5,USD,approved,,,,,no,", "status_on", "Give the date"),
    ("NL-1,T,NLD,org,,,,5,USD,approved,2012-06-30,2013-01-01,2012-01-01,,no,", "ends_on", ""),
    ("NL-1,T,NLD,org,,,,5,USD,approved,2012-06-30,,,,maybe,", "published", "yes or no"),
    ("NL-1,T,NLD,org,,,,5,USD,approved,2012-06-30,,,,no,Z9:10", "allocations", "Z9"),
    ("NL-1,T,NLD,org,,,,5,USD,approved,2012-06-30,,,,no,A1 40", "allocations", "colon"),
    ("NL-1,T,NLD,org,,,,5,USD,approved,2012-06-30,,,,no,A1:5 EUR", "allocations", "USD"),
    ("NL-1,,NLD,org,,,,5,USD,approved,2012-06-30,,,,no,", "title", "empty"),
    # Refused by the service while writing: more allocated than contributed.
    ("NL-1,T,NLD,org,,,,100,USD,approved,2012-06-30,,,,no,A1:60;B1:50", "allocations", "more"),
]


@pytest.mark.parametrize(("row", "column", "words"), ERRORS)
def test_a_file_with_an_error_changes_nothing(setting, org_secretariat, row, column, words):
    report = run(org_secretariat, csv_file(GOOD[1], row), setting)
    assert not report.written
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert words in report.errors[0].message
    assert report.created == 0
    assert not Contribution.objects.exists() and not Allocation.objects.exists()
    assert not StatusChange.objects.exists()


def test_a_header_error_names_the_column(setting, org_secretariat):
    report = run(org_secretariat, csv_file(header="reference,title,partner,colour"))
    assert [(e.row, e.column) for e in report.errors] == [(1, "colour"), (1, "organization")]


def test_a_reference_given_twice_is_refused(setting, org_secretariat):
    report = run(org_secretariat, csv_file(GOOD[0], GOOD[0]), setting)
    assert [(e.row, e.column) for e in report.errors] == [(3, "reference")]
    assert not Contribution.objects.exists()


def test_a_partner_may_not_import_more_than_its_own_pledges(setting, dutch_partner):
    pledge = "NL-3,Pledge,NLD,org,,,,10,USD,pipeline,2012-06-30,,,,no,"
    report = run(dutch_partner, csv_file(pledge, GOOD[1]), setting)
    assert [e.row for e in report.errors] == [3]
    assert not Contribution.objects.exists()
    report = run(dutch_partner, csv_file(pledge), setting)
    assert report.written and Contribution.objects.get().reference == "NL-3"


def test_the_valid_rows_are_recorded_only_when_asked(setting, org_secretariat):
    bad = "XX-1,T,Nowhere,org,,,,1,USD,approved,2012-06-30,,,,no,"
    data = csv_file(GOOD[0], bad, GOOD[2])
    assert not run(org_secretariat, data, setting).written
    report = run(org_secretariat, data, setting, valid_rows=True)
    assert report.written and report.created == 2 and [e.row for e in report.errors] == [3]
    assert sorted(Contribution.objects.values_list("reference", flat=True)) == ["NL-1", "NL-2"]


def test_a_dry_run_counts_and_writes_nothing(setting, org_secretariat):
    report = run(org_secretariat, csv_file(*GOOD), setting, dry_run=True)
    assert report.created == 3 and not report.written and not Contribution.objects.exists()


def test_a_recorded_reference_is_updated_its_status_moving_forward(setting, org_secretariat):
    run(org_secretariat, csv_file(*GOOD), setting)
    header = "reference,title,partner,organization,amount,currency,status,status_on,allocations"
    changed = "NL-1,Support to FMM,NLD,org,500000,USD,received,2012-09-01,A1:100"
    same = "SE-1,Inputs window,SWE,org,800000.5,EUR,signed,2012-05-01,A1:100"
    report = run(org_secretariat, csv_file(changed, same, header=header), setting)
    assert report.errors == [] and (report.updated, report.unchanged) == (1, 1)
    dutch = Contribution.objects.get(reference="NL-1")
    assert (dutch.amount, dutch.status, dutch.status_on) == (
        Decimal("500000"),
        "received",
        dt.date(2012, 9, 1),
    )
    assert [(c.status, c.on) for c in dutch.status_changes.all()] == [
        ("approved", DAY),
        ("received", dt.date(2012, 9, 1)),
    ]
    assert [(a.node.code, a.share) for a in dutch.allocations.all()] == [("A1", Decimal("100"))]
    # Columns left out keep what is stored.
    assert dutch.published and dutch.modality.code == "fmm" and dutch.source == "Agreement 1"


def test_a_status_does_not_move_back_nor_a_partner_change(setting, org_secretariat):
    run(org_secretariat, csv_file(*GOOD), setting)
    back = "NL-1,Support to FMM,NLD,org,,,,,,pipeline,2012-07-01,,,,yes,"
    other = "SE-1,Inputs window,NLD,org,,,,,,signed,2012-05-01,,,,no,"
    report = run(org_secretariat, csv_file(back, other), setting)
    assert [(e.row, e.column) for e in report.errors] == [(2, "status"), (3, "partner")]
    assert Contribution.objects.get(reference="NL-1").status == "approved"


def test_an_xlsx_workbook_is_read_as_a_csv_file(setting, org_secretariat):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "NL-1",
            "Support",
            "NLD",
            "org",
            "fmm",
            None,
            None,
            1000000,
            "USD",
            "approved",
            dt.datetime(2012, 6, 30),
            None,
            None,
            None,
            True,
            "A.1.1:60",
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    report = run(org_secretariat, output.getvalue(), setting)
    assert report.errors == [] and report.created == 1
    dutch = Contribution.objects.get()
    assert dutch.amount == Decimal("1000000") and dutch.status_on == DAY and dutch.published


def _export(tmp_path, fmt: str, user) -> bytes:
    path = tmp_path / f"export.{fmt}"
    call_command("resources", "export", "--format", fmt, "-o", str(path), "--user", user)
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_back_to_the_same_contributions(
    setting, org_secretariat, tmp_path, fmt, framework, netherlands, organization
):
    run(org_secretariat, csv_file(*GOOD), setting)
    # An allocation to another framework is named with its framework's id.
    other = type(framework).objects.create(title="Other plan", body=organization)
    node = framework.nodes["B"].__class__.objects.create(
        framework=other, seq=0, code="X1", level="output", title="Other result"
    )
    extra = contribution_create(
        user=org_secretariat,
        partner=netherlands,
        organization=organization,
        reference="NL-9",
        status="approved",
        on=DAY,
        data=ContributionData(title="Two plans", amount="100", currency="USD", note="Line\nTwo"),
    )
    allocations_set(
        user=org_secretariat,
        contribution=extra,
        shares=[Share(framework.nodes["A1"], share="50"), Share(node, amount="25")],
    )
    first = _export(tmp_path, fmt, org_secretariat.username)
    again = run(org_secretariat, first)
    assert again.errors == [] and (again.unchanged, again.updated) == (4, 0)
    Contribution.objects.all().delete()
    restored = run(org_secretariat, first)
    assert restored.errors == [] and restored.created == 4
    if fmt == "csv":
        assert _export(tmp_path, fmt, org_secretariat.username) == first
    restored_extra = Contribution.objects.get(reference="NL-9")
    assert restored_extra.note == "Line\nTwo"
    assert sorted((a.node.code, a.share, a.amount) for a in restored_extra.allocations.all()) == [
        ("A1", Decimal("50"), None),
        ("X1", None, Decimal("25")),
    ]


def test_the_public_export_holds_published_contributions_only(setting, org_secretariat, capsys):
    run(org_secretariat, csv_file(*GOOD), setting)
    call_command("resources", "export")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("reference,title,partner,organization")
    assert [line.split(",")[0] for line in lines[1:]] == ["NL-1"]


def test_the_command_shows_progress_and_fails_listing_the_errors(
    setting, org_secretariat, tmp_path, capsys
):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(*GOOD))
    call_command(
        "resources",
        "import",
        str(good),
        "--user",
        org_secretariat.username,
        "--framework",
        str(setting.pk),
    )
    out = capsys.readouterr().out
    assert "Written 3 of 3 contributions" in out and "3 contributions created" in out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file("XX-1,T,Nowhere,org,,,,1,USD,approved,2012-06-30,,,,no,"))
    with pytest.raises(CommandError, match="Nothing was imported: 1 error"):
        call_command("resources", "import", str(bad), "--user", org_secretariat.username)
    assert "Row 2, column partner" in capsys.readouterr().err
