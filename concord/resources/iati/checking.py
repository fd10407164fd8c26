"""Checking an IATI activity file before anything is read from it: well-formed XML, an
``iati-activities`` root, valid against the activity schema, and every code Concord records
in its codelist (a code outside its list in a part Concord does not record is a notice)."""

from typing import Any

from django.utils.translation import gettext as _

from concord.resources.iati.codes import code_problems
from concord.resources.iati.schema import (
    ACTIVITIES_XSD,
    IatiInvalid,
    IatiProblem,
    parse,
    schema_problems,
)

# The parts of an activity Concord records: a code outside its list there is an error.
RECORDED = {
    "iati-activity",
    "reporting-org",
    "participating-org",
    "activity-status",
    "activity-date",
    "recipient-country",
    "recipient-region",
    "transaction-type",
    "result",
    "indicator",
}


def _recorded(problem: IatiProblem, parents: dict[int, str]) -> bool:
    if problem.element == "value":
        return parents.get(problem.line) == "transaction"
    if problem.element in ("recipient-country", "recipient-region"):
        return parents.get(problem.line) == "iati-activity"
    return problem.element in RECORDED


def check_file(data: bytes, report: Any) -> list[Any]:
    """Parse and check a file; return its activity elements, or record the errors (and
    notices) in ``report``."""
    try:
        tree = parse(data)
    except IatiInvalid as error:
        report.errors.extend(error.problems)
        return []
    root = tree.getroot()
    if root.tag != "iati-activities":
        report.errors.append(
            IatiProblem(
                root.sourceline or 1,
                str(root.tag),
                _("This is not an IATI activity file: it begins with <%(tag)s>.")
                % {"tag": root.tag},
            )
        )
        return []
    report.errors.extend(schema_problems(tree, ACTIVITIES_XSD))
    if report.errors:
        return []
    parents = {
        element.sourceline: element.getparent().tag
        for element in root.iter("value", "recipient-country", "recipient-region")
    }
    for problem in code_problems(root):
        if _recorded(problem, parents):
            report.errors.append(problem)
        else:
            report.notices.append(problem)
    return list(root.iterfind("iati-activity"))
