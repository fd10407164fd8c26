"""Titles as a reader would write them.

- A title printed in capitals only (``REGIONAL STRATEGY FOR WATER SECURITY``) is given in
  title case; a word the document also prints in capitals inside ordinary text (``UNEP``,
  ``SDG``) is an acronym and stays so, as do numbers and symbols (``No.``, ``IV.1(A)6``).
- A document that prints no title is named by the sentence in which it names itself: ``This
  paper discusses the impacts of X on Y.`` gives *The Impacts of X on Y*; ``the present
  strategy and 2020-2022 work plan`` gives *Strategy and 2020-2022 Work Plan*.
"""

import re

_SMALL = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
     "or", "per", "than", "the", "to", "under", "upon", "via", "with"]
)  # fmt: skip
_ROMAN = re.compile(r"^(?=[IVXLC])(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z\u2019'-]*")
_SELF_DESCRIBED = re.compile(
    r"\bThis\s+(?:paper|report|study|note|document|strategy|plan|review)\s+"
    r"(?:discusses|examines|analy[sz]es|reviews|describes|presents|assesses|explores|"
    r"sets out|outlines)\s+(?P<what>[^.;:]{10,150})[.;:]"
)
_PRESENT = re.compile(
    r"\bthe present\s+(?P<what>(?:strategy|report|action plan|plan of action|work ?plan|"
    r"programme|program|review)\b[^.,;:()]{0,80})",
    re.IGNORECASE,
)


# Abbreviations that numbering and symbols print in mixed case inside a shouted title.
_DESIGNATORS = re.compile(r"\b(?:No|Nos|Rev|Corr|Add|Vol|Art|Para)\.")


def _capitals(text: str) -> float:
    letters = [c for c in _DESIGNATORS.sub("", text) if c.isalpha() and c.isascii()]
    return sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 4 else 0.0


def shouting(text: str) -> bool:
    """Say whether ``text`` is printed in capitals only, designators aside (``DECISION No. 12``).

    A title mixing cases otherwise (``SPECIAL MEETING (976th Plenary Meeting)``) is left as its
    author printed it.
    """
    return _capitals(text) == 1.0


def acronyms(source: str) -> set[str]:
    """Return the words ``source`` prints in capitals inside ordinary lines (``OSCE``, ``RMMS``)."""
    found: set[str] = set()
    for line in source.splitlines():
        if _capitals(line) < 0.5:
            found.update(re.findall(r"\b[A-Z][A-Z0-9&/-]*[A-Z0-9]\b", line))
    return {word for word in found if word.lower() not in _SMALL}


def title_case(text: str, keep: set[str] | None = None) -> str:
    """Write ``text`` in title case: small words in lower case, ``keep`` words as printed."""
    keep = keep or set()
    loud = shouting(text)
    position = 0

    def word(match: re.Match[str]) -> str:
        nonlocal position
        printed = match.group(0)
        before = text[: match.start()].rstrip()
        first = position == 0 or before.endswith((":", "\u2013", "\u2014", "("))
        position += 1
        if printed in keep or (printed.isupper() and _ROMAN.match(printed)):
            return printed
        if printed.isupper() and len(printed) > 1 and not loud:
            return printed  # an acronym in ordinary text
        if not printed.isupper() and not printed.islower():
            return printed  # already mixed case: a name as printed
        lowered = printed.lower()
        if lowered in _SMALL and not first:
            return lowered
        return lowered[:1].upper() + lowered[1:]

    return _WORD.sub(word, text)


def readable_title(title: str | None, keep: set[str]) -> str | None:
    """Return ``title`` with its parts printed in capitals in title case, the rest as printed.

    The parts are the title and what it holds in brackets: ``SPECIAL MEETING (976th Plenary
    Meeting)`` gives ``Special Meeting (976th Plenary Meeting)``.
    """
    if not title:
        return title
    parts = re.split(r"(\([^()]*\))", title)
    return "".join(title_case(part, keep) if shouting(part) else part for part in parts)


def title_from_text(text: str) -> str | None:
    """Return the title a document without one gives itself in its text, or None."""
    match = _SELF_DESCRIBED.search(text) or _PRESENT.search(text)
    if not match:
        return None
    what = " ".join(match.group("what").split())
    return title_case(what[:1].upper() + what[1:])
