"""Reading IATI XML safely and checking it against the IATI 2.03 schemas.

Every problem is an ``IatiProblem`` naming the element and the line it is on (lxml keeps the
line of each element it parses, and its schema error log gives the line of each error).
"""

import re
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from concord.resources.iati.codelists import iati_dir

ACTIVITIES_XSD = "iati-activities-schema.xsd"
ORGANISATIONS_XSD = "iati-organisations-schema.xsd"
VERSION = "2.03"
# Concord's extension namespace: what IATI has no place for (the schema allows other namespaces).
NS = "urn:x-concord:iati:1"


@dataclass(frozen=True)
class IatiProblem:
    """What is wrong in a file, and where: the element and its line (0 when unknown)."""

    line: int
    element: str
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("Line %(line)d, <%(element)s>: %(message)s") % {
                "line": self.line,
                "element": self.element,
                "message": self.message,
            }
        return _("<%(element)s>: %(message)s") % {"element": self.element, "message": self.message}


class IatiInvalid(Exception):
    """A file, or an export, that breaks the schema or uses a code outside its codelist."""

    def __init__(self, problems: list[IatiProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems[:10]))


def refusal(line: int, element: str, error: ValidationError) -> IatiProblem:
    """A service's refusal, at the element of the file it comes from."""
    if hasattr(error, "error_dict"):
        text = "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
    else:
        text = " ".join(error.messages)
    return IatiProblem(line, element, text)


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(iati_dir() / name)))


def _parser() -> etree.XMLParser:
    # No entities, no network, no DTD: an uploaded file reads nothing but itself.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )


def parse(data: bytes) -> etree._ElementTree:
    """Parse XML bytes; raise IatiInvalid naming the line where the XML breaks."""
    try:
        return etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as error:
        line = error.lineno or 0
        raise IatiInvalid(
            [
                IatiProblem(
                    line, "?", _("This is not well-formed XML: %(error)s") % {"error": error.msg}
                )
            ]
        ) from None


_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")


def schema_problems(tree: etree._ElementTree, name: str) -> list[IatiProblem]:
    """Check a parsed file against the schema ``name``; return each error with its line."""
    xsd = schema(name)
    if xsd.validate(tree):
        return []
    problems = []
    for entry in xsd.error_log:
        found = _ELEMENT.search(entry.message)
        element = found.group(1) if found else tree.getroot().tag
        problems.append(IatiProblem(entry.line, element, entry.message))
    return problems
