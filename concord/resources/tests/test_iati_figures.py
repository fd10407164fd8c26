"""An IATI activity's results never displace what Concord holds from another source: whose
figures and targets are written, the direction of the targets, one file giving one figure once,
approval left as it is, and the dates and stored text of what is read."""
# ruff: noqa: F811  (the fixtures imported from iati_fixtures are test arguments)

import datetime as dt

import pytest
from django.utils import translation
from lxml import etree

from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Approval, Direction, Indicator, Target, Value
from concord.indicators.periods import period_for
from concord.resources.iati.exporting import activities_xml, contributions_to_export
from concord.resources.iati.importing import activities_import
from concord.resources.models import Contribution
from concord.resources.tests.iati_fixtures import (  # noqa: F401
    afghanistan,
    exported,
    indicator,
    publisher,
)
from concord.resources.tests.test_iati_reimport import history_rows
from concord.resources.tests.test_iati_results import SOURCE, example, line_of, run

pytestmark = pytest.mark.django_db
FEMALE_ADULT = {"sex": "female", "age": "adult"}


def test_a_countrys_figure_from_another_source_is_kept_with_a_notice(
    secretariat, organization, framework, indicator, afghanistan
):
    national = value_put(
        user=secretariat,
        indicator=indicator,
        party=afghanistan,
        period=period_for("2013-Q1"),
        figure=Figure(500, source="National statistics office", breakdown=FEMALE_ADULT),
    )
    data = example(country=True)

    report = run(secretariat, organization, framework, data)

    assert report.errors == [] and report.figures == 1  # the baseline only
    (notice,) = [n for n in report.notices if "is kept" in n.message]
    assert (notice.element, notice.line) == ("actual", line_of(data, "period/actual"))
    assert "National statistics office" in notice.message
    kept = Value.objects.get(pk=national.pk)
    assert (kept.number, kept.source) == (500, "National statistics office")


def test_a_countrys_target_from_another_source_keeps_the_activitys_out(
    secretariat, organization, framework, indicator, afghanistan
):
    strategy = Target.objects.create(
        indicator=indicator,
        party=afghanistan,
        comparator=">=",
        value=90,
        deadline=dt.date(2030, 12, 31),
        source="National strategy",
    )
    data = example(country=True)

    report = run(secretariat, organization, framework, data)

    assert report.errors == [] and report.targets == 0
    (notice,) = [n for n in report.notices if n.element == "target"]
    assert notice.line == line_of(data, "period/target") and "National strategy" in notice.message
    assert list(Target.objects.all()) == [strategy]


def test_an_unchanged_figure_keeps_its_approval_whoever_imports(
    secretariat, organization, framework, indicator, afghanistan
):
    run(secretariat, organization, framework, example(country=True))
    actual = Value.objects.get(period__code="2013-Q1")
    Value.objects.filter(pk=actual.pk).update(approval=Approval.RETURNED, comment="Check it")
    rows = history_rows()

    report = run(secretariat, organization, framework, example(country=True))

    assert report.errors == [] and (report.figures, report.unchanged) == (0, 1)
    actual.refresh_from_db()
    assert (actual.approval, actual.comment) == (Approval.RETURNED, "Check it")
    assert history_rows() == rows


def test_an_ascending_against_the_indicators_direction_records_no_target(
    secretariat, organization, framework, indicator, afghanistan
):
    indicator.direction = Direction.HIGHER
    indicator.save()
    data = example(country=True, change=lambda element: element.set("ascending", "0"))

    report = run(secretariat, organization, framework, data)

    assert report.errors == [] and (report.figures, report.targets) == (2, 0)
    (notice,) = [n for n in report.notices if n.element == "indicator"]
    line = etree.fromstring(data).find("iati-activity/result/indicator").sourceline
    assert notice.line == line and "B1" in notice.message
    assert not Target.objects.exists()


def test_an_indicator_without_direction_keeps_the_files_comparison_on_export(
    exported, org_secretariat, framework, afghanistan
):
    indicator = Indicator.objects.get(code="share-delivered")
    assert indicator.direction == Direction.NONE
    root = etree.fromstring(activities_xml(contributions_to_export(partner="NLD")))
    (element,) = root.xpath("//indicator[reference/@code='share-delivered']")
    element.set("ascending", "0")
    period = etree.SubElement(element, "period")
    etree.SubElement(period, "period-start", {"iso-date": "2013-01-01"})
    etree.SubElement(period, "period-end", {"iso-date": "2013-12-31"})
    etree.SubElement(period, "target", value="20")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    report = activities_import(user=org_secretariat, data=data, framework=framework)

    assert report.errors == [] and report.targets == 1
    target = Target.objects.get(indicator=indicator)
    assert (target.party, target.comparator, target.value) == (afghanistan, "<=", 20)
    out = etree.fromstring(activities_xml(contributions_to_export(partner="NLD")))
    (element,) = out.xpath("//indicator[reference/@code='share-delivered']")
    assert element.get("ascending") == "0"
    assert [t.get("value") for t in element.iterfind("period/target")] == ["20"]
    # Targets comparing both ways say no one ascending: none is written, and nothing breaks.
    Target.objects.create(
        indicator=indicator,
        party=afghanistan,
        comparator=">=",
        value=5,
        deadline=dt.date(2014, 12, 31),
        source=target.source,
    )
    out = etree.fromstring(activities_xml(contributions_to_export(partner="NLD")))
    (element,) = out.xpath("//indicator[reference/@code='share-delivered']")
    assert element.get("ascending") is None and not element.findall("period/target")


def test_two_activities_giving_the_same_figure_keep_the_first(
    secretariat, organization, framework, indicator, afghanistan
):
    root = etree.fromstring(example(country=True))
    first = root.find("iati-activity")
    second = etree.fromstring(etree.tostring(first))
    second.find("iati-identifier").text += "-2"
    second.find("result/indicator/period/actual").set("value", "99")
    root.append(second)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    report = run(secretariat, organization, framework, data)

    assert report.errors == [] and (report.figures, report.targets) == (2, 1)
    lines = {n.line for n in report.notices if "first is recorded" in n.message}
    activities = etree.fromstring(data).findall("iati-activity")
    actual = activities[1].find("result/indicator/period/actual")
    assert actual.sourceline in lines
    assert Value.objects.get(period__code="2013-Q1").number == 11
    assert {v.source for v in Value.objects.all()} == {SOURCE}
    rows = history_rows()
    again = run(secretariat, organization, framework, data)
    assert (again.figures, again.targets, again.unchanged) == (0, 0, 2)
    assert history_rows() == rows


@pytest.mark.parametrize("day", ["-2013-01-01", "12013-01-01"])
def test_a_date_concord_cannot_use_is_an_error_naming_element_and_line(
    secretariat, organization, framework, indicator, day
):
    data = example(change=lambda e: e.find("period/period-start").set("iso-date", day))
    report = run(secretariat, organization, framework, data)
    assert [(e.element, e.line) for e in report.errors] == [
        ("period-start", line_of(data, "period/period-start"))
    ]
    assert day in report.errors[0].message
    assert not report.written and not Contribution.objects.exists()


def test_a_transaction_date_concord_cannot_use_is_an_error(secretariat, organization, framework):
    root = etree.fromstring(example())
    day = root.find("iati-activity/transaction/transaction-date")
    day.set("iso-date", "12012-01-01")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    report = run(secretariat, organization, framework, data)
    assert [(e.element, e.line) for e in report.errors] == [("transaction-date", day.sourceline)]


def test_what_is_stored_is_in_the_language_of_record(
    secretariat, organization, framework, indicator, afghanistan
):
    with translation.override("fr"):
        report = run(secretariat, organization, framework, example(country=True))
    assert report.errors == []
    baseline = Value.objects.get(period__code="2012")
    assert (baseline.source, baseline.note) == (SOURCE, "Baseline. Baseline comment text")
    assert Contribution.objects.get().source == SOURCE
    with translation.override("ar"):
        again = run(secretariat, organization, framework, example(country=True))
    assert again.unchanged == 1 and (again.figures, again.targets) == (0, 0)
