"""Numbers printed at the start of a line: ``12.``, ``1.1``, ``(a)``, ``A.1.2)``, ``A1.``, ``II.``.

``parse_number`` reads one; ``parts`` splits it into comparable pieces (``A.1. 5)`` and
``A15``-style spellings aside, ``A1`` and ``A.1`` both give ``["A", "1"]``), and a number's
*scheme* (the kind of its first part and how many parts it has) tells siblings from children.
"""

import re
from dataclasses import dataclass

ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

_BULLET = re.compile(r"^[ \t]*(?:[-•\u2013·▪◦]|\*(?!\*))[ \t]+")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("annex", re.compile(r"^(?:ANNEX|Annex)(?:[ \t]+(?P<n>[IVXLC]+|\d+|[A-Z]))?\b[ \t]*[:.]?")),
    ("part", re.compile(r"^(?:PART|Part|CHAPTER|Chapter)[ \t]+(?P<n>[IVXLC]+|\d+)\b[ \t]*[:.]?")),
    ("article", re.compile(
        r"^(?:ARTICLE|Article)[ \t]+(?P<n>\d+(?:[ \t]+(?:bis|ter|quater))?)\b[ \t]*[:.]?"
    )),
    ("action", re.compile(r"^(?:ACTION|Action)[ \t]+(?P<n>\d+)[ \t]*[.:]")),
    # Agenda item 1:  Item 2.
    ("item", re.compile(
        r"^(?:(?:AGENDA|Agenda)[ \t]+)?(?:ITEM|[Ii]tem)[ \t]+(?P<n>\d+)[ \t]*[.:]"
    )),
    # A1.  A.1)  A.1.2)  A.1. 5)  C 5)   (a capital, then digits)
    ("alnum", re.compile(r"^(?P<n>[A-Z](?:[ \t]?\.?[ \t]?\d{1,2})+)[ \t]*[.)](?=[ \t])")),
    # 1.1  1.10  2.1.3  (dotted digits, final dot optional)
    ("dotted", re.compile(r"^(?P<n>\d{1,3}(?:\.\d{1,3})+)\.?(?=[ \t])")),
    # 12.  12)
    ("digit", re.compile(r"^(?P<n>\d{1,3})[.)](?=[ \t])")),
    # (12)
    ("digit", re.compile(r"^\((?P<n>\d{1,3})\)(?=[ \t])")),
    # II.  A.  A)
    ("upper", re.compile(r"^(?P<n>[IVXLC]{1,7}|[A-Z])[.)](?=[ \t])")),
    # (a)  a)  (iv)  iv)
    ("lower", re.compile(r"^\((?P<n>[a-z]{1,4})\)(?=[ \t])")),
    ("lower", re.compile(r"^(?P<n>[a-z]{1,4})\)(?=[ \t])")),
]  # fmt: skip


@dataclass(frozen=True)
class Number:
    printed: str
    family: str  # annex, part, article, action, item, alnum, dotted, digit, upper, lower
    value: str
    end: int  # offset in the line where the text after the number starts
    bullet: bool

    @property
    def parts(self) -> list[str]:
        return parts(self.value)


def parse_number(line: str) -> Number | None:
    """Return the number at the start of ``line`` (after an optional bullet), or None."""
    bullet = _BULLET.match(line)
    offset = bullet.end() if bullet else len(line) - len(line.lstrip())
    rest = line[offset:]
    for family, pattern in _PATTERNS:
        match = pattern.match(rest)
        if not match:
            continue
        value = (match.group("n") or "").strip()
        if family == "lower" and len(value) > 1 and not ROMAN.match(value.upper()):
            continue
        end = offset + match.end()
        end += len(line[end:]) - len(line[end:].lstrip(" \t"))
        printed = line[offset : offset + match.end()].strip()
        return Number(printed, family, value, end, bool(bullet))
    return None


def bullet_end(line: str) -> int | None:
    """Return where the text after a leading bullet starts, or None when there is none."""
    match = _BULLET.match(line)
    return match.end() if match else None


def parts(value: str) -> list[str]:
    """Split a number into its pieces: ``A.1. 5`` -> A, 1, 5; ``1.10`` -> 1, 10; ``III`` -> III."""
    return re.findall(r"[A-Za-z]+|\d+", value)


def roman_value(value: str) -> int:
    total = 0
    for char, following in zip(value, [*value[1:], ""], strict=True):
        number = _ROMAN_VALUES[char]
        total += -number if following and _ROMAN_VALUES[following] > number else number
    return total
