"""The IATI exports: valid against the XSD, every code in its codelist, published data only,
and a stored code outside its list refused loudly."""
# ruff: noqa: F811  (the fixtures imported from iati_fixtures are test arguments)

from decimal import Decimal

import pytest
from lxml import etree

from concord.resources.iati.codes import code_problems
from concord.resources.iati.exporting import NS, activities_xml, contributions_to_export
from concord.resources.iati.schema import (
    ACTIVITIES_XSD,
    ORGANISATIONS_XSD,
    IatiInvalid,
    schema,
)
from concord.resources.models import IatiPublisher
from concord.resources.tests.iati_fixtures import afghanistan, exported, publisher  # noqa: F401

pytestmark = pytest.mark.django_db
C = {"c": NS}


def valid(data: bytes, xsd: str) -> etree._Element:
    """Parse an export and assert it passes the XSD and every code check."""
    tree = etree.ElementTree(etree.fromstring(data))
    xmlschema = schema(xsd)
    assert xmlschema.validate(tree), xmlschema.error_log
    assert code_problems(tree.getroot()) == []
    return tree.getroot()


def get_xml(client, url: str, status: int = 200) -> bytes:
    response = client.get(url)
    assert response.status_code == status, response.content
    if status == 200:
        assert response["Content-Type"].startswith("application/xml")
    return response.content


def activity(root: etree._Element, identifier: str) -> etree._Element:
    (found,) = root.xpath("iati-activity[iati-identifier=$id]", id=identifier)
    return found


def test_the_activity_file_is_valid_and_holds_the_published_contributions_only(client, exported):
    root = valid(get_xml(client, "/api/iati/activities.xml"), ACTIVITIES_XSD)
    assert root.xpath("iati-activity/iati-identifier/text()") == [
        "XM-DAC-41301-FMM-NL-1",
        "XM-DAC-41301-SFERA-SE-1",
    ]
    assert b"SFERA-SE-2" not in etree.tostring(root)


def test_an_activity_says_who_funds_and_implements_with_status_place_and_modality(client, exported):
    root = valid(get_xml(client, "/api/iati/activities.xml"), ACTIVITIES_XSD)
    nl = activity(root, "XM-DAC-41301-FMM-NL-1")
    assert nl.get("default-currency") == "USD"
    reporting = nl.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == ("XM-DAC-41301", "40")
    orgs = [
        (o.get("role"), o.get("ref"), o.get("type"), o.findtext("narrative"))
        for o in nl.findall("participating-org")
    ]
    assert orgs == [
        ("1", "XM-DAC-7", "10", "Netherlands"),
        ("4", "XM-DAC-41301", "40", "The Organization"),
    ]
    assert nl.find("activity-status").get("code") == "2"
    dates = [(d.get("type"), d.get("iso-date")) for d in nl.findall("activity-date")]
    assert dates == [("1", "2012-01-01"), ("3", "2013-12-31")]
    assert nl.find("recipient-country").get("code") == "AF"
    tag = nl.find("tag")
    assert (tag.get("vocabulary"), tag.get("code")) == ("99", "fmm")
    aid = [(a.get("vocabulary"), a.get("code")) for a in nl.findall("default-aid-type")]
    assert aid == [("2", "2")]
    se = activity(root, "XM-DAC-41301-SFERA-SE-1")
    assert se.find("recipient-region").get("code") == "289"
    assert se.find("activity-status").get("code") == "2"
    assert "Illustrative" in se.xpath("description[@type='4']/narrative/text()")[0]


def test_transactions_follow_the_status_history_and_the_expenditure(client, exported):
    root = valid(get_xml(client, "/api/iati/activities.xml"), ACTIVITIES_XSD)
    nl = activity(root, "XM-DAC-41301-FMM-NL-1")
    rows = [
        (
            t.find("transaction-type").get("code"),
            t.find("transaction-date").get("iso-date"),
            t.findtext("value"),
            t.find("value").get("currency"),
        )
        for t in nl.findall("transaction")
    ]
    assert rows == [
        ("13", "2012-01-10", "1000000", "USD"),
        ("11", "2012-03-01", "1000000", "USD"),
        ("1", "2012-04-02", "1000000", "USD"),
        ("4", "2012-12-31", "300000", "USD"),
        ("4", "2013-03-31", "12500.25", "USD"),
    ]
    se = activity(root, "XM-DAC-41301-SFERA-SE-1")
    assert [t.find("transaction-type").get("code") for t in se.findall("transaction")] == ["11"]


def test_results_are_the_allocated_nodes_with_their_indicators(client, exported):
    root = valid(get_xml(client, "/api/iati/activities.xml"), ACTIVITIES_XSD)
    nl = activity(root, "XM-DAC-41301-FMM-NL-1")
    results = nl.findall("result")
    assert [(r.get("type"), r.find("reference").get("code")) for r in results] == [
        ("2", "A"),
        ("1", "A1"),
    ]
    outcome, output = results
    assert outcome.find("indicator").get("measure") == "5"  # no indicator: the node itself
    indicator = output.find("indicator")
    assert indicator.get("measure") == "2"
    assert indicator.find("reference").get("code") == "share-delivered"
    assert output.find("c:allocation", C).get("amount") == "250000.50"
    goal = activity(root, "XM-DAC-41301-SFERA-SE-1").find("result")
    assert goal.get("type") == "3"


def test_results_of_a_framework_no_longer_published_are_left_out(client, exported, framework):
    from concord.registry.models import Publication

    framework.publication = Publication.IN_REVIEW
    framework.save()
    root = valid(get_xml(client, "/api/iati/activities.xml"), ACTIVITIES_XSD)
    assert activity(root, "XM-DAC-41301-FMM-NL-1").findall("result") == []


@pytest.mark.parametrize(
    ("query", "identifiers"),
    [
        ("partner=NLD", ["XM-DAC-41301-FMM-NL-1"]),
        ("partner=swe", ["XM-DAC-41301-SFERA-SE-1"]),
        ("country=AFG", ["XM-DAC-41301-FMM-NL-1"]),
        ("modality=sfera", ["XM-DAC-41301-SFERA-SE-1"]),  # its window AIRC included
        ("modality=airc", ["XM-DAC-41301-SFERA-SE-1"]),
        ("organization=org", ["XM-DAC-41301-FMM-NL-1", "XM-DAC-41301-SFERA-SE-1"]),
    ],
)
def test_filters(client, exported, query, identifiers):
    root = valid(get_xml(client, f"/api/iati/activities.xml?{query}"), ACTIVITIES_XSD)
    assert root.xpath("iati-activity/iati-identifier/text()") == identifiers


def test_a_filter_matching_nothing_answers_404_not_an_invalid_file(client, exported):
    response = client.get("/api/iati/activities.xml?partner=FRA")
    assert response.status_code == 404
    assert "No published contribution" in response.json()["detail"]


def test_the_export_is_the_same_whoever_asks(client, exported, org_secretariat):
    anonymous = get_xml(client, "/api/iati/activities.xml")
    client.force_login(org_secretariat)
    signed_in = get_xml(client, "/api/iati/activities.xml")
    strip = etree.XSLT(
        etree.XML(
            b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
            b'<xsl:template match="@generated-datetime|@last-updated-datetime"/>'
            b'<xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/>'
            b"</xsl:copy></xsl:template></xsl:stylesheet>"
        )
    )
    assert bytes(strip(etree.fromstring(anonymous))) == bytes(strip(etree.fromstring(signed_in)))
    assert b"SFERA-SE-2" not in signed_in


def test_contributions_of_an_organization_that_does_not_publish_are_left_out(exported):
    IatiPublisher.objects.all().delete()
    with pytest.raises(Exception, match="No published contribution"):
        activities_xml(contributions_to_export())


def test_an_organ_reports_under_the_organization_above_it(exported, organization):
    from concord.registry.tests import factories

    organ = factories.BodyFactory(code="org-unit", name="A unit", parent=organization)
    nl = exported["nl"]
    nl.organization = organ
    nl.save()
    root = valid(activities_xml(contributions_to_export(partner="NLD")), ACTIVITIES_XSD)
    assert root.find("iati-activity/reporting-org").get("ref") == "XM-DAC-41301"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: setattr(c.partner, "organisation_type", "99") or c.partner.save(), "99"),
        (lambda c: setattr(c.modality, "aid_type", "Z99") or c.modality.save(), "Z99"),
        (lambda c: setattr(c, "currency", "XYZ") or c.save(), "XYZ"),
    ],
)
def test_a_stored_code_outside_its_codelist_is_refused_loudly(client, exported, change, message):
    change(exported["nl"])
    with pytest.raises(IatiInvalid, match=message):
        activities_xml(contributions_to_export(partner="NLD"))
    response = client.get("/api/iati/activities.xml?partner=NLD")
    assert response.status_code == 500
    assert message in response.json()["detail"]


def test_a_beneficiary_that_is_not_a_country_is_refused_loudly(exported):
    from concord.registry.tests import factories

    nl = exported["nl"]
    nl.country = factories.PartyFactory(code="eu", name="European Union", kind="organization")
    nl.save()
    with pytest.raises(IatiInvalid, match="European Union"):
        activities_xml(contributions_to_export(partner="NLD"))


def test_the_organisation_file_is_valid_with_expenditure_per_period(client, exported):
    root = valid(get_xml(client, "/api/iati/organisation.xml"), ORGANISATIONS_XSD)
    organisation = root.find("iati-organisation")
    assert organisation.findtext("organisation-identifier") == "XM-DAC-41301"
    assert organisation.findtext("name/narrative") == "The Organization"
    totals = [
        (
            t.find("period-start").get("iso-date"),
            t.find("period-end").get("iso-date"),
            Decimal(t.findtext("value")),
            t.find("value").get("currency"),
        )
        for t in organisation.findall("total-expenditure")
    ]
    assert totals == [
        ("2012-01-01", "2012-12-31", Decimal("300000"), "USD"),
        ("2013-01-01", "2013-03-31", Decimal("12500.25"), "USD"),
    ]


def test_the_organisation_file_answers_404_without_a_publisher(client, db):
    assert client.get("/api/iati/organisation.xml").status_code == 404


def test_the_export_reads_a_constant_number_of_queries(exported, org_secretariat, framework):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from concord.indicators.periods import period_for
    from concord.resources.contributing import (
        Share,
        allocations_set,
        contribution_publish,
        expenditure_put,
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            activities_xml(contributions_to_export())
        return len(queries)

    before = count()
    pledge = exported["pledge"]
    allocations_set(
        user=org_secretariat, contribution=pledge, shares=[Share(framework.nodes["B1"], share="5")]
    )
    expenditure_put(user=org_secretariat, contribution=pledge, period=period_for("2014"), amount=1)
    contribution_publish(user=org_secretariat, contribution=pledge)
    assert count() == before
