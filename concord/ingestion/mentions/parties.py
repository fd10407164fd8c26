"""Parties: country and territory names, aliases and adjectives, resolved to ISO 3166-1 alpha-3.

Names come from pycountry (names, official and common names) and from ``country_names``
(UN-style names, aliases, adjectives); both sides are compared after ``normalize_name``, so
``Cote d'Ivoire`` meets ``Côte d'Ivoire`` and ``Korea (Republic of)`` meets ``Korea, Republic
of``. Rules against false positives:

- matching is on whole words, longest name first (``Papua New Guinea`` before ``Guinea``,
  ``Hong Kong, China`` before ``China``);
- a name is a proper noun: each of its words must start with a capital letter as printed
  (``Chad``, ``Guinea``, ``Turkey`` as names; never ``turkey`` or ``chad``); short acronyms
  (``UK``, ``UAE``) must be printed exactly;
- a name right after a personal title (``Mr``, ``Ms``, ``Dr``, ``H.E.``, ``Ambassador`` ...),
  with or without a given name between them, is a person's name: ``Ms Anna Chad``;
- a name's words are separated by spaces or punctuation on the same paragraph (no blank line).
"""

import re
from functools import cache

import pycountry

from concord.ingestion.mentions.base import Mention, MentionType
from concord.ingestion.mentions.country_names import ADJECTIVES, ALIASES
from concord.registry.names import normalize_name

_TOKEN = re.compile(r"[^\W_]+")
_LOWER_WORDS = frozenset({"of", "the", "and", "da", "de", "d", "s", "former"})
_TITLES = frozenset(
    normalize_name(t)
    for t in [
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Mx",
        "Dr",
        "Prof",
        "Professor",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Madam",
        "Madame",
        "Mme",
        "Monsieur",
        "Judge",
        "Justice",
        "Ambassador",
        "Minister",
        "President",
        "Senator",
        "Rev",
        "Father",
        "Sister",
        "Brother",
        "Captain",
        "Colonel",
    ]
)
_MAX_WORDS = 10


@cache
def _names() -> dict[str, str]:
    """Return normalized name -> alpha-3 for every name and alias Concord knows."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            if value := getattr(country, attribute, None):
                names[normalize_name(value)] = country.alpha_3
    for table in (ADJECTIVES, ALIASES):
        for name, code in table.items():
            names[normalize_name(name)] = code
    names.pop("", None)
    return names


@cache
def _first_words() -> frozenset[str]:
    """The first word of every name: a word that is not one cannot start a mention."""
    return frozenset(name.split(" ")[0] for name in _names())


@cache
def _acronyms() -> frozenset[str]:
    """Names written as one short all-capital word, which must match exactly as printed."""
    return frozenset(
        normalize_name(n) for n in ALIASES if n.replace(".", "").isupper() and len(n) <= 6
    )


def _is_title(word: str) -> bool:
    return normalize_name(word) in _TITLES


def _after_title(words: list[re.Match[str]], index: int, text: str) -> bool:
    """Tell whether the word at ``index`` follows a title, perhaps with a given name between."""
    if index >= 1 and _is_title(words[index - 1].group()):
        return True
    if index >= 2 and _is_title(words[index - 2].group()):
        given = words[index - 1].group()
        return given[:1].isupper() and normalize_name(given) not in _names()
    return False


def _joined(text: str, words: list[re.Match[str]], first: int, last: int) -> bool:
    """Tell whether words ``first..last`` are separated only by short same-paragraph gaps."""
    for left, right in zip(words[first:last], words[first + 1 : last + 1], strict=True):
        gap = text[left.end() : right.start()]
        if len(gap) > 4 or "\n\n" in gap or "\f" in gap:
            return False
    return True


def _capitalized(words: list[re.Match[str]]) -> bool:
    return (
        all(w.group()[:1].isupper() or normalize_name(w.group()) in _LOWER_WORDS for w in words)
        and words[0].group()[:1].isupper()
    )


def find_parties(text: str) -> list[Mention]:
    names = _names()
    acronyms = _acronyms()
    words = list(_TOKEN.finditer(text))
    keys = [normalize_name(w.group()) for w in words]
    mentions: list[Mention] = []
    index = 0
    firsts = _first_words()
    while index < len(words):
        found = None
        if " " not in keys[index] and keys[index] not in firsts:
            index += 1
            continue
        for size in range(min(_MAX_WORDS, len(words) - index), 0, -1):
            last = index + size - 1
            key = " ".join(keys[index : last + 1])
            code = names.get(key)
            if code is None or not _joined(text, words, index, last):
                continue
            span_words = words[index : last + 1]
            if not _capitalized(span_words):
                continue
            start, end = span_words[0].start(), span_words[-1].end()
            # "U.K." and "U.S.": keep the closing full stop of an abbreviation.
            if size > 1 and len(span_words[-1].group()) == 1 and text[end : end + 1] == ".":
                end += 1
            # "Korea (Republic of)": keep the bracket the name opened.
            if (
                text.count("(", start, end) > text.count(")", start, end)
                and text[end : end + 1] == ")"
            ):
                end += 1
            printed = text[start:end]
            if key in acronyms and not printed.isupper():
                continue
            found = (size, Mention(MentionType.PARTY, printed, (start, end), code))
            break
        if found and not _after_title(words, index, text):
            mentions.append(found[1])
            index += found[0]
        else:
            index += found[0] if found else 1
    return mentions
