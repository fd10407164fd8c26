"""Importing an IATI file again: what changed is updated through the services, what did not is
not written at all, statuses only move forward, and a reference names one contribution."""
# ruff: noqa: F811  (the fixtures imported from iati_fixtures are test arguments)

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from concord.audit.models import AuditedChange
from concord.indicators.periods import period_for
from concord.resources.contributing import (
    ContributionData,
    contribution_create,
    contribution_publish,
    expenditure_put,
    status_advance,
)
from concord.resources.iati.exporting import NS, activities_xml, contributions_to_export
from concord.resources.iati.importing import activities_import
from concord.resources.models import Contribution
from concord.resources.tests.iati_fixtures import (  # noqa: F401
    afghanistan,
    exported,
    publisher,
)

pytestmark = pytest.mark.django_db
C = {"c": NS}


def history_rows() -> int:
    """Every history row of every audited model."""
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if issubclass(model, AuditedChange) and not model._meta.abstract
    )


def edited(data: bytes, identifier: str, change) -> bytes:
    """The file with ``change(activity)`` applied to the activity ``identifier``."""
    root = etree.fromstring(data)
    (activity,) = root.xpath("iati-activity[iati-identifier=$id]", id=identifier)
    change(activity)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_an_unchanged_file_imported_again_writes_nothing(exported, org_secretariat, framework):
    data = activities_xml(contributions_to_export())
    rows = history_rows()

    with CaptureQueriesContext(connection) as queries:
        report = activities_import(
            user=org_secretariat, data=data, framework=framework, publish=True
        )

    assert report.errors == [] and report.written
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert (report.allocations, report.expenditures, report.figures, report.targets) == (0,) * 4
    assert history_rows() == rows
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []


def test_a_changed_amount_and_a_later_status_update_the_contribution(
    exported, org_secretariat, framework
):
    def change(activity):
        activity.find("transaction/value").text = "3000000"
        extension = activity.find("c:contribution", C)
        etree.SubElement(extension, f"{{{NS}}}status", code="received", on="2012-07-01")

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-SFERA-SE-1", change)
    before = Contribution.objects.get(reference="SFERA-SE-1").history.count()

    report = activities_import(user=org_secretariat, data=data, framework=framework)

    assert report.errors == [] and (report.created, report.updated, report.unchanged) == (0, 1, 1)
    se = Contribution.objects.get(reference="SFERA-SE-1")
    assert se.amount == Decimal("3000000")
    assert (se.status, se.status_on) == ("received", dt.date(2012, 7, 1))
    assert [s.status for s in se.status_changes.all()] == ["signed", "received"]
    history = se.history.all()
    assert history.count() == before + 2  # the amount, then the status
    assert {(h.history_user, h.history_source) for h in history[:2]} == {
        (org_secretariat, "import")
    }
    assert se.allocations.get().share == Decimal("100")  # the file's shares, unchanged


def test_a_file_saying_an_earlier_status_keeps_concords_with_a_notice(
    exported, org_secretariat, framework
):
    data = activities_xml(contributions_to_export(partner="NLD"))
    nl = exported["nl"]
    status_advance(
        user=org_secretariat, contribution=nl, status="delivered", on=dt.date(2014, 1, 2)
    )
    rows = history_rows()

    report = activities_import(user=org_secretariat, data=data, framework=framework)

    assert report.errors == [] and report.unchanged == 1
    (notice,) = [n for n in report.notices if n.element == "activity-status"]
    assert "FMM-NL-1" in notice.message and "forward" in notice.message
    assert notice.line == etree.fromstring(data).find(".//activity-status").sourceline
    nl.refresh_from_db()
    assert (nl.status, nl.status_on) == ("delivered", dt.date(2014, 1, 2))
    assert history_rows() == rows


def test_expenditure_is_corrected_per_period_and_periods_left_out_are_kept(
    exported, org_secretariat, framework
):
    def change(activity):
        spent = activity.xpath("transaction[transaction-type/@code='4']")
        spent[0].find("value").text = "350000"  # 2012
        activity.remove(spent[1])  # 2013-Q1

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-FMM-NL-1", change)
    expenditure_put(
        user=org_secretariat,
        contribution=exported["nl"],
        period=period_for("2014"),
        amount="1000",
    )

    report = activities_import(user=org_secretariat, data=data, framework=framework)

    assert report.errors == [] and report.updated == 1 and report.expenditures == 1
    spent = {e.period.code: e.amount for e in exported["nl"].expenditures.all()}
    assert spent == {"2012": Decimal("350000"), "2013-Q1": Decimal("12500.25"), "2014": 1000}
    assert not any(n.element == "transaction" for n in report.notices)


def test_the_files_allocations_replace_the_stored_ones(exported, org_secretariat, framework):
    def change(activity):
        activity.xpath("result[reference/@code='A']/c:allocation", namespaces=C)[0].set(
            "share", "30"
        )

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-FMM-NL-1", change)
    report = activities_import(user=org_secretariat, data=data, framework=framework)
    assert report.errors == [] and report.allocations == 2
    shares = {a.node.code: (a.share, a.amount) for a in exported["nl"].allocations.all()}
    assert shares == {"A": (Decimal("30"), None), "A1": (None, Decimal("250000.50"))}


def test_another_partners_reference_is_an_error_and_nothing_is_written(
    exported, org_secretariat, framework, sweden
):
    data = activities_xml(contributions_to_export())
    nl = exported["nl"]
    Contribution.objects.filter(pk=nl.pk).update(partner=sweden)
    changed = data.replace(b"Multipartner support, Netherlands", b"Renamed")
    rows = history_rows()

    report = activities_import(user=org_secretariat, data=changed, framework=framework)

    (error,) = report.errors
    root = etree.fromstring(changed)
    assert error.element == "iati-identifier"
    assert error.line == root.xpath("//iati-identifier[.='XM-DAC-41301-FMM-NL-1']")[0].sourceline
    assert "FMM-NL-1" in error.message and "Sweden" in error.message
    assert not report.written and history_rows() == rows
    assert Contribution.objects.get(pk=nl.pk).title == "Multipartner support, Netherlands"


def test_a_reference_twice_in_one_file_is_an_error(exported, org_secretariat, framework):
    data = activities_xml(contributions_to_export(partner="NLD"))
    root = etree.fromstring(data)
    root.append(etree.fromstring(etree.tostring(root.find("iati-activity"))))
    twice = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    report = activities_import(user=org_secretariat, data=twice, framework=framework)
    (error,) = report.errors
    assert error.element == "iati-identifier" and "Another activity" in error.message


def test_a_partner_cannot_learn_of_a_reference_it_may_not_see(exported, swedish_partner, framework):
    data = activities_xml(contributions_to_export(partner="NLD"))
    report = activities_import(user=swedish_partner, data=data, framework=framework)
    (error,) = report.errors
    assert error.element == "iati-identifier" and "cannot be used" in error.message
    assert "Netherlands" not in error.message


def test_the_command_counts_created_updated_and_unchanged(
    tmp_path, exported, org_secretariat, framework
):
    path = tmp_path / "activities.xml"
    path.write_bytes(
        edited(
            activities_xml(contributions_to_export()),
            "XM-DAC-41301-SFERA-SE-1",
            lambda a: setattr(a.find("title/narrative"), "text", "Emergency inputs"),
        )
    )
    out = io.StringIO()
    call_command(
        "iati",
        "import",
        str(path),
        "--user",
        org_secretariat.username,
        "--framework",
        str(framework.pk),
        stdout=out,
    )
    assert "0 contributions created, 1 updated, 1 unchanged" in out.getvalue()
    assert Contribution.objects.get(reference="SFERA-SE-1").title == "Emergency inputs"


def spent(activity) -> list:
    return activity.xpath("transaction[transaction-type/@code='4']")


def test_spending_moved_between_periods_is_written_decreases_first(
    exported, org_secretariat, framework
):
    nl = exported["nl"]
    expenditure_put(
        user=org_secretariat, contribution=nl, period=period_for("2014"), amount="687499.75"
    )  # all of the 1,000,000 is spent

    def moved(activity):
        for transaction in spent(activity):
            value = transaction.find("value")
            value.text = {"300000": "400000", "687499.75": "587499.75"}.get(value.text, value.text)

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-FMM-NL-1", moved)
    report = activities_import(user=org_secretariat, data=data, framework=framework)

    assert report.errors == [] and (report.updated, report.expenditures) == (1, 2)
    by_period = {e.period.code: e.amount for e in nl.expenditures.all()}
    assert (by_period["2012"], by_period["2014"]) == (Decimal(400000), Decimal("587499.75"))


def test_spending_over_the_amount_names_the_transaction_and_its_line(
    exported, org_secretariat, framework
):
    def over(activity):
        spent(activity)[1].find("value").text = "800000"  # 2013-Q1: 1,100,000 in all

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-FMM-NL-1", over)
    rows = history_rows()
    report = activities_import(user=org_secretariat, data=data, framework=framework)

    (error,) = report.errors
    root = etree.fromstring(data)
    (activity,) = root.xpath("iati-activity[iati-identifier='XM-DAC-41301-FMM-NL-1']")
    assert (error.element, error.line) == ("transaction", spent(activity)[1].sourceline)
    assert "1100000" in error.message.replace(".00", "")
    assert not report.written and history_rows() == rows


def test_a_lower_amount_than_spent_names_a_transaction(exported, org_secretariat, framework):
    def lowered(activity):
        for transaction in activity.xpath("transaction[transaction-type/@code!='4']"):
            transaction.find("value").text = "100000"

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-FMM-NL-1", lowered)
    report = activities_import(user=org_secretariat, data=data, framework=framework)
    (error,) = report.errors
    assert error.element == "transaction" and "100000" in error.message
    assert exported["nl"].expenditures.count() == 2
    assert Contribution.objects.get(reference="FMM-NL-1").amount == Decimal(1000000)


def in_euros(activity):
    activity.set("default-currency", "EUR")
    for value in activity.xpath("transaction/value"):
        value.set("currency", "EUR")


def test_a_currency_changed_under_spending_is_refused_naming_the_transaction(
    exported, org_secretariat, framework
):
    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-FMM-NL-1", in_euros)
    report = activities_import(user=org_secretariat, data=data, framework=framework)

    (error,) = report.errors
    (activity,) = etree.fromstring(data).xpath("iati-activity[@default-currency='EUR']")
    assert (error.element, error.line) == ("transaction", activity.find("transaction").sourceline)
    assert "USD" in error.message and "EUR" in error.message and "FMM-NL-1" in error.message
    assert Contribution.objects.get(reference="FMM-NL-1").currency == "USD"


def test_a_currency_changes_with_the_amount_when_nothing_is_allocated_by_amount_or_spent(
    exported, org_secretariat, framework
):
    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-SFERA-SE-1", in_euros)
    report = activities_import(user=org_secretariat, data=data, framework=framework)
    assert report.errors == [] and report.updated == 1
    assert Contribution.objects.get(reference="SFERA-SE-1").currency == "EUR"


def test_a_file_without_the_amount_concord_holds_is_refused_naming_the_activity(
    exported, org_secretariat, framework
):
    def dropped(activity):
        for transaction in activity.findall("transaction"):
            activity.remove(transaction)

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-SFERA-SE-1", dropped)
    report = activities_import(user=org_secretariat, data=data, framework=framework)
    (error,) = report.errors
    (activity,) = etree.fromstring(data).xpath("iati-activity[not(transaction)]")
    assert (error.element, error.line) == ("iati-activity", activity.sourceline)
    assert "no amount" in error.message and "2500000" in error.message


def test_a_cancelled_activity_leaves_its_contribution_as_it_was(
    exported, org_secretariat, framework
):
    def cancelled(activity):
        activity.find("activity-status").set("code", "5")
        activity.find("title/narrative").text = "Renamed"

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-SFERA-SE-1", cancelled)
    report = activities_import(user=org_secretariat, data=data, framework=framework)
    assert report.errors == [] and report.unchanged == 1
    (notice,) = [n for n in report.notices if n.element == "activity-status"]
    assert "SFERA-SE-1" in notice.message and "left as it was" in notice.message
    assert Contribution.objects.get(reference="SFERA-SE-1").title == "Emergency inputs, Sweden"


def test_a_later_status_dated_before_concords_names_the_status_not_a_field(
    exported, org_secretariat, framework
):
    def early(activity):
        extension = activity.find("c:contribution", C)
        etree.SubElement(extension, f"{{{NS}}}status", code="received", on="2012-01-01")

    data = edited(activities_xml(contributions_to_export()), "XM-DAC-41301-SFERA-SE-1", early)
    report = activities_import(user=org_secretariat, data=data, framework=framework)
    (error,) = report.errors
    (activity,) = etree.fromstring(data).xpath(
        "iati-activity[iati-identifier=$id]", id="XM-DAC-41301-SFERA-SE-1"
    )
    assert (error.element, error.line) == (
        "activity-status",
        activity.find("activity-status").sourceline,
    )
    assert not error.message.startswith("on:") and "2012-05-05" in error.message


def test_a_contribution_recorded_as_approved_goes_out_pledged_and_comes_back_unchanged(
    exported, org_secretariat, organization, netherlands
):
    approved = contribution_create(
        user=org_secretariat,
        partner=netherlands,
        organization=organization,
        reference="UTF-NL-2",
        status="approved",
        on=dt.date(2012, 3, 1),
        data=ContributionData(title="Approved, not signed", amount="300000", currency="USD"),
    )
    contribution_publish(user=org_secretariat, contribution=approved)
    data = activities_xml(contributions_to_export())
    (activity,) = etree.fromstring(data).xpath(
        "iati-activity[iati-identifier=$id]", id="XM-DAC-41301-UTF-NL-2"
    )
    assert [
        (t.find("transaction-type").get("code"), t.find("transaction-date").get("iso-date"))
        for t in activity.iterfind("transaction")
    ] == [("13", "2012-03-01")]
    report = activities_import(user=org_secretariat, data=data, publish=True)
    assert report.errors == [] and report.unchanged == 3
