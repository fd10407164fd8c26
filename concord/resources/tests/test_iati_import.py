"""Importing IATI activity files: the annotated example of the standard, Concord's own export
read back to the same data, and bad files that leave nothing behind and say where they break."""
# ruff: noqa: F811  (the fixtures imported from iati_fixtures are test arguments)

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from concord.indicators.models import Indicator
from concord.registry.models import Party
from concord.resources.iati.codelists import iati_dir
from concord.resources.iati.exporting import activities_xml, contributions_to_export
from concord.resources.iati.importing import activities_import
from concord.resources.models import Contribution, ResourcePartner
from concord.resources.tests.iati_fixtures import (  # noqa: F401
    ANNOTATED,
    afghanistan,
    exported,
    publisher,
)

pytestmark = pytest.mark.django_db


def annotated() -> bytes:
    return (iati_dir() / ANNOTATED).read_bytes()


def snapshot(contribution: Contribution) -> dict:
    """Everything a contribution holds that an IATI round trip must keep."""
    c = Contribution.objects.get(pk=contribution.pk)
    return {
        "reference": c.reference,
        "title": c.title,
        "partner": c.partner.party.code,
        "organization": c.organization.code,
        "modality": c.modality.code if c.modality else None,
        "country": c.country.code if c.country else None,
        "region": c.region,
        "amount": c.amount,
        "currency": c.currency,
        "status": (c.status, c.status_on),
        "history": [(s.status, s.on) for s in c.status_changes.all()],
        "dates": (c.starts_on, c.ends_on),
        "published": c.published,
        "illustrative": c.illustrative,
        "source": c.source,
        "note": c.note,
        "allocations": [(a.node.code, a.share, a.amount) for a in c.allocations.all()],
        "expenditures": [(e.period.code, e.amount) for e in c.expenditures.all()],
    }


def test_an_export_imported_again_gives_the_same_contributions(
    exported, org_secretariat, organization, framework
):
    before = {key: snapshot(exported[key]) for key in ("nl", "se")}
    data = activities_xml(contributions_to_export())
    partners, parties = ResourcePartner.objects.count(), Party.objects.count()
    Contribution.objects.filter(published=True).delete()

    report = activities_import(user=org_secretariat, data=data, framework=framework, publish=True)

    assert report.errors == [] and report.written
    assert report.contributions == 2 and report.allocations == 3 and report.expenditures == 2
    after = {
        key: snapshot(Contribution.objects.get(reference=before[key]["reference"]))
        for key in ("nl", "se")
    }
    for key in before:
        for name in before[key]:
            assert (key, name, after[key][name]) == (key, name, before[key][name])
    assert (ResourcePartner.objects.count(), Party.objects.count()) == (partners, parties)
    linked = Indicator.objects.get(code="share-delivered").results.values_list("code", flat=True)
    assert list(linked) == ["A1"]
    history = Contribution.objects.get(reference="FMM-NL-1").history.first()
    assert history.history_user == org_secretariat and history.history_source == "import"


def test_the_annotated_example_of_the_standard_is_imported(secretariat, organization, framework):
    report = activities_import(
        user=secretariat, data=annotated(), organization=organization, framework=framework
    )

    assert report.errors == [], [str(e) for e in report.errors]
    contribution = Contribution.objects.get()
    assert contribution.reference == "ABC123"
    assert contribution.title == "Activity title"
    assert contribution.organization == organization
    assert (contribution.amount, contribution.currency) == (Decimal("1000"), "EUR")
    assert (contribution.status, contribution.status_on) == ("received", dt.date(2012, 1, 1))
    assert (contribution.starts_on, contribution.ends_on) == (
        dt.date(2012, 4, 28),
        dt.date(2015, 12, 31),
    )
    assert contribution.country is None and contribution.region == ""
    assert "AF 25%, AG 25%, 489 (vocabulary 1) 25%, A1 (vocabulary 99) 25%" in contribution.note
    assert not contribution.published
    partner = contribution.partner
    assert (partner.iati_identifier, partner.organisation_type) == ("BB-BBB-123456789", "40")
    assert (partner.party.code, partner.party.name, partner.party.kind) == (
        "bb-bbb-123456789",
        "Name of Agency B",
        "organization",
    )
    indicator = Indicator.objects.get(code="b1")
    assert indicator.name == "Indicator title" and indicator.instrument == framework
    assert list(indicator.results.values_list("code", flat=True)) == ["B1"]
    # The example's transaction names region 616, which the 2.03 Region codelist lacks:
    # Concord does not record a transaction's region, so it is a notice, not an error. Its
    # baseline, target and actual are for two locations: noticed, not recorded.
    assert [(n.element, n.line) for n in report.notices] == [
        ("recipient-region", 282),
        ("baseline", 371),
        ("target", 396),
        ("actual", 416),
    ]
    assert "616" in report.notices[0].message
    assert not indicator.values.exists() and not indicator.targets.exists()


def test_the_example_needs_a_secretariat_that_may_record_parties(
    org_secretariat, organization, framework
):
    report = activities_import(
        user=org_secretariat, data=annotated(), organization=organization, framework=framework
    )
    assert [(e.element, e.line) for e in report.errors] == [("participating-org", 45)]
    assert "registry first" in report.errors[0].message
    assert not Contribution.objects.exists() and not report.written


def test_an_unknown_reporting_organisation_is_named(secretariat, organization):
    report = activities_import(user=secretariat, data=annotated())
    assert [(e.element, e.line) for e in report.errors] == [("reporting-org", 15)]
    assert "AA-AAA-123456789" in report.errors[0].message


def test_a_dry_run_checks_everything_and_writes_nothing(secretariat, organization, framework):
    parties = Party.objects.count()
    report = activities_import(
        user=secretariat,
        data=annotated(),
        organization=organization,
        framework=framework,
        dry_run=True,
    )
    assert report.errors == [] and report.contributions == 1 and not report.written
    assert not Contribution.objects.exists() and Party.objects.count() == parties
    assert not Indicator.objects.exists()


BAD_FILES = [
    (b"<iati-activities version='2.03'><iati-activity>", "?", 1, "well-formed"),
    (b"<iati-organisations version='2.03'/>", "iati-organisations", 1, "not an IATI activity"),
    (
        annotated().replace(b"<iati-identifier>AA-AAA-123456789-ABC123</iati-identifier>", b""),
        "reporting-org",
        15,
        "iati-identifier",
    ),
    (
        annotated().replace(b'<activity-status code="2" />', b'<activity-status code="9" />'),
        "activity-status",
        66,
        "ActivityStatus",
    ),
    (
        annotated().replace(b'role="1" type="40"', b'role="1" type="41"'),
        "participating-org",
        45,
        "OrganisationType",
    ),
    (
        annotated().replace(
            b'currency="EUR" value-date="2012-01-01">1000',
            b'currency="EUX" value-date="2012-01-01">1000',
        ),
        "value",
        268,
        "Currency",
    ),
    (
        annotated().replace(b'<recipient-country code="AF"', b'<recipient-country code="QQ"'),
        "recipient-country",
        106,
        "Country",
    ),
]


@pytest.mark.parametrize(("data", "element", "line", "message"), BAD_FILES)
def test_a_bad_file_leaves_nothing_behind_and_names_element_and_line(
    secretariat, organization, framework, data, element, line, message
):
    parties = Party.objects.count()
    report = activities_import(
        user=secretariat, data=data, organization=organization, framework=framework
    )
    assert (report.errors[0].element, report.errors[0].line) == (element, line)
    assert message in report.errors[0].message or message in str(report.errors[0])
    assert not Contribution.objects.exists() and Party.objects.count() == parties
    assert not ResourcePartner.objects.exists() and not report.written


def test_an_error_in_a_later_activity_undoes_the_earlier_ones(exported, org_secretariat, framework):
    data = activities_xml(contributions_to_export())
    Contribution.objects.filter(published=True).delete()
    broken = data.replace(b'code="airc"', b'code="nowhere"')
    report = activities_import(user=org_secretariat, data=broken, framework=framework)
    (error,) = report.errors
    assert error.element == "tag" and "nowhere" in error.message and error.line > 1
    assert list(Contribution.objects.values_list("reference", flat=True)) == ["SFERA-SE-2"]


def test_results_without_a_framework_are_noted_not_recorded(exported, org_secretariat):
    data = activities_xml(contributions_to_export(partner="NLD"))
    Contribution.objects.filter(reference="FMM-NL-1").delete()
    report = activities_import(user=org_secretariat, data=data)
    assert report.errors == [] and report.allocations == 0
    assert any(n.element == "result" for n in report.notices)


def test_a_partner_may_not_import(exported, dutch_partner, framework):
    data = activities_xml(contributions_to_export(partner="NLD"))
    Contribution.objects.filter(reference="FMM-NL-1").delete()
    report = activities_import(user=dutch_partner, data=data, framework=framework)
    assert report.errors and not Contribution.objects.filter(reference="FMM-NL-1").exists()


def test_the_command_imports_with_progress_and_refuses_with_the_errors(
    tmp_path, secretariat, organization, framework
):
    good = tmp_path / "good.xml"
    good.write_bytes(annotated())
    out = io.StringIO()
    call_command(
        "iati",
        "import",
        str(good),
        "--user",
        secretariat.username,
        "--organization",
        organization.code,
        "--framework",
        str(framework.pk),
        stdout=out,
    )
    text = out.getvalue()
    assert "Activity 1 of 1" in text and "1 contributions created" in text and "616" in text
    assert Contribution.objects.filter(reference="ABC123").exists()
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        annotated().replace(b'<activity-status code="2" />', b'<activity-status code="9" />')
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 1 error"):
        call_command(
            "iati",
            "import",
            str(bad),
            "--user",
            secretariat.username,
            "--organization",
            organization.code,
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "Line 66, <activity-status>" in err.getvalue()
