"""Which IATI attribute takes its code from which codelist, and a check of every code in a file.

The XSD does not check codes: an export is checked here before it is written, and an import
before anything is recorded. A code of another vocabulary than IATI's own (a sector of
vocabulary 99, a reporting organisation's own) is not checked, since its list is not IATI's.
Elements of other namespaces (Concord's extension) are skipped.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

from concord.resources.iati.codelists import codelist
from concord.resources.iati.schema import IatiProblem

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class CodeRule:
    """``attribute`` of ``tag`` (under ``parent``, if given) is a code of ``codelist``; a dict
    maps the element's ``vocabulary`` (``default`` when absent) to the codelist it uses."""

    tag: str
    attribute: str
    codelist: str | dict[str, str]
    parent: str = ""
    default: str = "1"

    def list_for(self, element: etree._Element) -> str | None:
        if isinstance(self.codelist, str):
            return self.codelist
        return self.codelist.get(element.get("vocabulary", self.default))


AID_TYPES = {"1": "AidType", "2": "EarmarkingCategory", "4": "CashandVoucherModalities"}
RULES = [
    CodeRule("iati-activity", "default-currency", "Currency"),
    CodeRule("iati-organisation", "default-currency", "Currency"),
    CodeRule("iati-activity", XML_LANG, "Language"),
    CodeRule("iati-organisation", XML_LANG, "Language"),
    CodeRule("narrative", XML_LANG, "Language"),
    CodeRule("reporting-org", "type", "OrganisationType"),
    CodeRule("participating-org", "role", "OrganisationRole"),
    CodeRule("participating-org", "type", "OrganisationType"),
    CodeRule("provider-org", "type", "OrganisationType"),
    CodeRule("receiver-org", "type", "OrganisationType"),
    CodeRule("description", "type", "DescriptionType", parent="iati-activity"),
    CodeRule("other-identifier", "type", "OtherIdentifierType"),
    CodeRule("activity-status", "code", "ActivityStatus"),
    CodeRule("activity-date", "type", "ActivityDateType"),
    CodeRule("contact-info", "type", "ContactType"),
    CodeRule("activity-scope", "code", "ActivityScope"),
    CodeRule("recipient-country", "code", "Country"),
    CodeRule("recipient-region", "vocabulary", "RegionVocabulary"),
    CodeRule("recipient-region", "code", {"1": "Region"}),
    CodeRule("location-reach", "code", "GeographicLocationReach"),
    CodeRule("location-id", "vocabulary", "GeographicVocabulary"),
    CodeRule("administrative", "vocabulary", "GeographicVocabulary"),
    CodeRule("exactness", "code", "GeographicExactness"),
    CodeRule("location-class", "code", "GeographicLocationClass"),
    CodeRule("feature-designation", "code", "LocationType"),
    CodeRule("sector", "vocabulary", "SectorVocabulary"),
    CodeRule("sector", "code", {"1": "Sector", "2": "SectorCategory"}),
    CodeRule("tag", "vocabulary", "TagVocabulary"),
    CodeRule("tag", "code", {"2": "UNSDG-Goals", "3": "UNSDG-Targets"}, default=""),
    CodeRule("humanitarian-scope", "type", "HumanitarianScopeType"),
    CodeRule("humanitarian-scope", "vocabulary", "HumanitarianScopeVocabulary"),
    CodeRule("policy-marker", "vocabulary", "PolicyMarkerVocabulary"),
    CodeRule("policy-marker", "code", {"1": "PolicyMarker"}),
    CodeRule("policy-marker", "significance", "PolicySignificance"),
    CodeRule("collaboration-type", "code", "CollaborationType"),
    CodeRule("default-flow-type", "code", "FlowType"),
    CodeRule("flow-type", "code", "FlowType"),
    CodeRule("default-finance-type", "code", "FinanceType"),
    CodeRule("finance-type", "code", "FinanceType"),
    CodeRule("default-aid-type", "vocabulary", "AidTypeVocabulary"),
    CodeRule("default-aid-type", "code", AID_TYPES),
    CodeRule("aid-type", "vocabulary", "AidTypeVocabulary"),
    CodeRule("aid-type", "code", AID_TYPES),
    CodeRule("default-tied-status", "code", "TiedStatus"),
    CodeRule("tied-status", "code", "TiedStatus"),
    CodeRule("budget", "type", "BudgetType"),
    CodeRule("budget", "status", "BudgetStatus"),
    CodeRule("total-budget", "status", "BudgetStatus"),
    CodeRule("recipient-org-budget", "status", "BudgetStatus"),
    CodeRule("recipient-region-budget", "status", "BudgetStatus"),
    CodeRule("recipient-country-budget", "status", "BudgetStatus"),
    CodeRule("planned-disbursement", "type", "BudgetType"),
    CodeRule("value", "currency", "Currency"),
    CodeRule("forecast", "currency", "Currency"),
    CodeRule("loan-status", "currency", "Currency"),
    CodeRule("transaction-type", "code", "TransactionType"),
    CodeRule("disbursement-channel", "code", "DisbursementChannel"),
    CodeRule("document-link", "format", "FileFormat"),
    CodeRule("category", "code", "DocumentCategory"),
    CodeRule("language", "code", "Language"),
    CodeRule("related-activity", "type", "RelatedActivityType"),
    CodeRule("condition", "type", "ConditionType"),
    CodeRule("result", "type", "ResultType"),
    CodeRule("reference", "vocabulary", "ResultVocabulary", parent="result"),
    CodeRule("indicator", "measure", "IndicatorMeasure"),
    CodeRule("reference", "vocabulary", "IndicatorVocabulary", parent="indicator"),
    CodeRule("other-flags", "code", "CRSAddOtherFlags"),
    CodeRule("repayment-type", "code", "LoanRepaymentType"),
    CodeRule("repayment-plan", "code", "LoanRepaymentPeriod"),
]
RULES_BY_TAG: dict[str, list[CodeRule]] = {}
for _rule in RULES:
    RULES_BY_TAG.setdefault(_rule.tag, []).append(_rule)


def _attribute_name(name: str) -> str:
    return "xml:lang" if name == XML_LANG else name


def code_problems(root: etree._Element) -> list[IatiProblem]:
    """Check every code of ``root`` and its descendants against its codelist."""
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.startswith("{"):
            continue
        parent = element.getparent()
        for rule in RULES_BY_TAG.get(element.tag, ()):
            if rule.parent and (parent is None or parent.tag != rule.parent):
                continue
            code = element.get(rule.attribute)
            name = rule.list_for(element)
            if code is None or name is None or code in codelist(name):
                continue
            message = _(
                "%(code)s is not a code of the IATI codelist %(list)s (attribute %(attribute)s)."
            )
            problems.append(
                IatiProblem(
                    element.sourceline or 0,
                    element.tag,
                    message
                    % {"code": code, "list": name, "attribute": _attribute_name(rule.attribute)},
                )
            )
    return problems
