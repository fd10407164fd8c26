"""The baselines, targets and actuals of IATI result indicators: recorded as the activity's
figures of its country (else its organization) and the country's targets, noticed when Concord
cannot hold them truthfully, never duplicated, and exported back to the same data."""
# ruff: noqa: F811  (the fixtures imported from iati_fixtures are test arguments)

import datetime as dt
from decimal import Decimal

import pytest
from lxml import etree

from concord.indicators.benchmark import targets_by_party
from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Approval, Direction, Indicator, Target, Value
from concord.indicators.periods import period_for
from concord.resources.iati.codelists import iati_dir
from concord.resources.iati.exporting import activities_xml, contributions_to_export
from concord.resources.iati.figures import period_code
from concord.resources.iati.importing import activities_import
from concord.resources.iati.schema import ACTIVITIES_XSD
from concord.resources.models import Contribution
from concord.resources.tests.iati_fixtures import (  # noqa: F401
    ANNOTATED,
    afghanistan,
    exported,
    indicator,
    publisher,
)
from concord.resources.tests.test_iati_export import valid
from concord.resources.tests.test_iati_reimport import history_rows

pytestmark = pytest.mark.django_db
SOURCE = "IATI activity AA-AAA-123456789-ABC123"


def example(*, locations: bool = False, country: bool = False, change=None) -> bytes:
    """The annotated example of the standard, by default without the results' locations and
    the target's dimensions; ``country`` keeps Afghanistan as its one recipient."""
    root = etree.fromstring((iati_dir() / ANNOTATED).read_bytes())
    result = root.find("iati-activity/result")
    for element in result.xpath(".//target/dimension" + ("" if locations else " | .//location")):
        element.getparent().remove(element)
    if country:
        activity = root.find("iati-activity")
        for place in activity.xpath("recipient-country[@code!='AF'] | recipient-region"):
            activity.remove(place)
        activity.find("recipient-country").set("percentage", "100")
    if change:
        change(result.find("indicator"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def line_of(data: bytes, path: str) -> int:
    return etree.fromstring(data).find(f"iati-activity/result/indicator/{path}").sourceline


def run(user, organization, framework, data: bytes):
    return activities_import(user=user, data=data, organization=organization, framework=framework)


def test_without_a_country_the_figures_are_the_organizations_and_no_target_is_recorded(
    secretariat, organization, framework, indicator
):
    general = Target.objects.create(
        indicator=indicator, comparator=">=", value=90, deadline=dt.date(2030, 12, 31)
    )
    data = example()
    report = run(secretariat, organization, framework, data)

    assert report.errors == [], [str(e) for e in report.errors]
    assert (report.figures, report.targets) == (2, 0)
    values = {v.period.code: v for v in Value.objects.filter(indicator=indicator)}
    assert set(values) == {"2012", "2013-Q1"}
    baseline, actual = values["2012"], values["2013-Q1"]
    assert (baseline.body, baseline.party, baseline.number) == (organization, None, 10)
    assert baseline.breakdown == {"sex": "female", "age": "adult"}
    assert baseline.note == "Baseline. Baseline comment text" and baseline.source == SOURCE
    assert baseline.approval == Approval.APPROVED
    assert (actual.body, actual.number, actual.note) == (organization, 11, "Actual comment text")
    assert actual.breakdown == {"sex": "female", "age": "adult"}
    (notice,) = [n for n in report.notices if n.element == "target"]
    assert notice.line == line_of(data, "period/target") and "country" in notice.message
    # The secretariat's target for every party stays the one applied.
    assert list(Target.objects.all()) == [general]
    assert targets_by_party(indicator) == (general, {})


def test_with_a_country_the_figures_and_targets_are_its_own(
    secretariat, organization, framework, indicator, afghanistan
):
    indicator.direction = Direction.HIGHER
    indicator.save()
    report = run(secretariat, organization, framework, example(country=True))

    assert report.errors == [] and (report.figures, report.targets) == (2, 1)
    assert Contribution.objects.get().country == afghanistan
    assert {(v.party, v.body) for v in Value.objects.all()} == {(afghanistan, None)}
    target = Target.objects.get()
    assert (target.party, target.comparator, target.value, target.deadline) == (
        afghanistan,
        ">=",
        Decimal(10),
        dt.date(2013, 3, 31),
    )
    assert (target.source, target.note) == (SOURCE, "Target comment text")
    assert target.history.first().history_user == secretariat


def test_a_new_falling_indicator_gets_at_most_targets(
    secretariat, organization, framework, afghanistan
):
    def falling(indicator):
        indicator.set("ascending", "0")
        for dimension in indicator.xpath(".//dimension"):
            dimension.getparent().remove(dimension)

    report = run(secretariat, organization, framework, example(country=True, change=falling))
    assert report.errors == [] and report.targets == 1
    assert Indicator.objects.get(code="b1").direction == Direction.LOWER
    assert Target.objects.get().comparator == "<="


def test_importing_again_duplicates_nothing_and_a_changed_target_is_updated(
    secretariat, organization, framework, indicator, afghanistan
):
    run(secretariat, organization, framework, example(country=True))
    target = Target.objects.get()
    rows = history_rows()

    again = run(secretariat, organization, framework, example(country=True))

    assert again.errors == [] and (again.unchanged, again.figures, again.targets) == (1, 0, 0)
    assert history_rows() == rows
    assert (Target.objects.count(), Value.objects.count()) == (1, 2)

    def raised(element):
        element.find("period/target").set("value", "12")
        element.find("period/actual").set("value", "13")

    changed = run(secretariat, organization, framework, example(country=True, change=raised))

    assert changed.errors == [] and (changed.figures, changed.targets) == (1, 1)
    assert (changed.updated, changed.unchanged) == (1, 0)  # only figures and a target changed
    assert list(Target.objects.values_list("pk", "value")) == [(target.pk, Decimal(12))]
    assert Value.objects.get(period__code="2013-Q1").number == 13
    assert history_rows() == rows + 2


def test_an_actual_for_a_period_concord_has_not_is_a_notice(
    secretariat, organization, framework, indicator, afghanistan
):
    def odd(element):
        element.find("period/period-start").set("iso-date", "2013-01-15")

    data = example(country=True, change=odd)
    report = run(secretariat, organization, framework, data)

    assert report.errors == []
    (notice,) = [n for n in report.notices if n.element == "period"]
    assert notice.line == line_of(data, "period") and "2013-01-15" in notice.message
    assert list(Value.objects.values_list("period__code", flat=True)) == ["2012"]
    assert Target.objects.get().deadline == dt.date(2013, 3, 31)


def test_a_dimension_the_indicator_has_not_is_a_notice_and_not_recorded(
    secretariat, organization, framework, afghanistan
):
    data = example(country=True)
    report = run(secretariat, organization, framework, data)  # b1 is new: no breakdowns

    assert report.errors == [] and report.figures == 0
    noticed = [(n.element, n.line) for n in report.notices if "broken down" in n.message]
    assert noticed == [
        ("baseline", line_of(data, "baseline")),
        ("actual", line_of(data, "period/actual")),
    ]
    assert "sex" in report.notices[-1].message or "age" in report.notices[-1].message
    assert not Value.objects.exists() and Target.objects.count() == 1


def test_figures_for_some_locations_are_noticed_and_not_recorded(
    secretariat, organization, framework, indicator
):
    data = example(locations=True)
    report = run(secretariat, organization, framework, data)
    assert report.errors == [] and (report.figures, report.targets) == (0, 0)
    located = [(n.element, n.line) for n in report.notices if "locations" in n.message]
    assert located == [
        ("baseline", line_of(data, "baseline")),
        ("target", line_of(data, "period/target")),
        ("actual", line_of(data, "period/actual")),
    ]
    assert not Value.objects.exists() and not Target.objects.exists()


def test_a_value_that_is_not_a_number_is_an_error_naming_element_and_line(
    secretariat, organization, framework, indicator
):
    data = example(change=lambda e: e.find("period/actual").set("value", "eleven"))
    report = run(secretariat, organization, framework, data)
    assert [(e.element, e.line) for e in report.errors] == [
        ("actual", line_of(data, "period/actual"))
    ]
    assert "eleven" in report.errors[0].message
    assert not report.written and not Contribution.objects.exists()
    assert not Value.objects.exists() and not Target.objects.exists()
    # Without a framework the results are not recorded, and their figures are no error.
    report = activities_import(user=secretariat, data=data, organization=organization)
    assert report.errors == [] and report.written


@pytest.mark.parametrize(
    ("starts", "ends", "code"),
    [
        ("2013-01-01", "2013-12-31", "2013"),
        ("2013-07-01", "2013-12-31", "2013-H2"),
        ("2013-04-01", "2013-06-30", "2013-Q2"),
        ("2024-02-01", "2024-02-29", "2024-02"),
        ("2012-01-01", "2013-12-31", "2012-2013"),
        ("2004-01-01", "2006-12-31", "2004-2006"),
        ("2013-02-01", "2013-04-30", None),  # three months, not a quarter
        ("2013-01-15", "2013-03-31", None),
        ("2013-01-01", "2013-03-30", None),
        ("2012-07-01", "2013-06-30", None),  # a fiscal year
        ("2013-12-31", "2013-01-01", None),
    ],
)
def test_a_period_is_concords_when_its_dates_are_those_of_a_code(starts, ends, code):
    assert period_code(dt.date.fromisoformat(starts), dt.date.fromisoformat(ends)) == code


def test_what_came_from_the_activity_is_exported_and_imported_back_the_same(
    exported, org_secretariat, framework, afghanistan
):
    indicator = Indicator.objects.get(code="share-delivered")
    indicator.dimensions = ["sex"]
    indicator.direction = Direction.HIGHER
    indicator.save()
    ours = "Agreement FMM/GLO/NL, page 2"  # the contribution's source
    put = dict(user=org_secretariat, indicator=indicator, party=afghanistan)
    value_put(
        period=period_for("2012"),
        figure=Figure(40, source=ours, note="Baseline. From the survey"),
        **put,
    )
    value_put(
        period=period_for("2013-Q1"),
        figure=Figure(
            "45.5", status="provisional", source=ours, flag="Partial", breakdown={"sex": "female"}
        ),
        **put,
    )
    value_put(period=period_for("2014"), figure=Figure(50, source=ours), approve=False, **put)
    value_put(period=period_for("2015"), figure=Figure(60, source="National statistics"), **put)
    target = dict(indicator=indicator, party=afghanistan, source=ours)
    Target.objects.create(
        comparator=">=", value=80, deadline=dt.date(2013, 12, 31), note="By 2014.", **target
    )
    # At most: not what a rising indicator's IATI target says.
    Target.objects.create(comparator="<=", value=99, deadline=dt.date(2015, 1, 1), **target)
    Target.objects.create(  # every party's, not the activity's
        indicator=indicator, party=None, comparator=">=", value=70, deadline=dt.date(2013, 12, 31)
    )

    data = activities_xml(contributions_to_export(partner="NLD"))

    root = valid(data, ACTIVITIES_XSD)
    (element,) = root.xpath("//indicator[reference/@code='share-delivered']")
    assert element.get("ascending") == "1"
    (baseline,) = element.findall("baseline")
    assert (baseline.get("year"), baseline.get("value")) == ("2012", "40")
    assert baseline.findtext("comment/narrative") == "From the survey"
    periods = [
        (
            p.find("period-start").get("iso-date"),
            p.find("period-end").get("iso-date"),
            [t.get("value") for t in p.findall("target")],
            [
                (a.get("value"), [d.get("value") for d in a.findall("dimension")])
                for a in p.findall("actual")
            ],
        )
        for p in element.findall("period")
    ]
    assert periods == [
        ("2012-01-01", "2013-12-31", ["80"], []),
        ("2013-01-01", "2013-03-31", [], [("45.5", ["female"])]),
    ]

    def stored() -> tuple[list, list]:
        values = Value.objects.filter(approval=Approval.APPROVED, source=ours)
        return (
            [
                (v.party_id, v.period.code, v.breakdown, v.number, v.status, v.note, v.flag)
                for v in values.order_by("period__code")
            ],
            [
                (t.party_id, t.comparator, t.value, t.deadline, t.source, t.note)
                for t in Target.objects.filter(party=afghanistan, comparator=">=")
            ],
        )

    before = stored()
    Value.objects.filter(source=ours).delete()
    Target.objects.filter(party=afghanistan).delete()
    Contribution.objects.filter(reference="FMM-NL-1").delete()

    report = activities_import(user=org_secretariat, data=data, framework=framework)

    assert report.errors == [] and (report.figures, report.targets) == (2, 1)
    assert stored() == before
    assert Value.objects.get(period__code="2015").source == "National statistics"
    rows = history_rows()
    again = activities_import(user=org_secretariat, data=data, framework=framework)
    assert again.errors == [] and (again.unchanged, again.figures, again.targets) == (1, 0, 0)
    assert history_rows() == rows
