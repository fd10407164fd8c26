"""Suggest that two holder names reported by States are the same person or company.

A suggestion is never a merge: an officer confirms or rejects each one. The rule is built to miss
rather than to merge near misses ("Sahel Mining Ltd" / "Sahel Trading Ltd", "Ivan Petrov" /
"Ivan Petrenko", "Alpha Holdings" / "Alpha Holdings 2"). Names are transliterated with anyascii,
so a Cyrillic, Greek or accented spelling meets its Latin one. Known limits, left to the officer:
Arabic script loses its short vowels in transliteration ("محمد" gives "mhmd"), so it matches other
Arabic-script spellings but not Latin ones; a Cyrillic rendering of English words ("Трейдинг")
is phonetic, not a transliteration of "Trading"; initials ("I. Petrov") are not expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, NamedTuple

from anyascii import anyascii
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

MATCH_MIN = 90.0
"""Least score (token_sort_ratio of the distinctive words, 0-100) to suggest a match.

One changed letter in a two-word name stays above it; a changed word ("Mining" / "Trading") falls
below it. Legal forms are left out of the score: they are compared on their own.
"""
WORD_MIN = 85.0
"""Least ratio between each distinctive word and its counterpart in the other name.

The score of a whole name can stay high while one word differs ("Petrov" / "Petrenko" is 71):
this check refuses that. "Papadopoylos" / "Papadopoulos" (92) passes.
"""
EXTRA_NAME_PENALTY = 6.0
"""Points off per given name or patronymic that only one spelling of a person has: two cost 12
and fall below MATCH_MIN, so a person's name may lack one word, a company's none."""
PREFILTER_MIN = 60.0
"""Least token_set_ratio of two normalized names, or ratio without spaces, for `suggest` to run
`compare` on them. Far below MATCH_MIN: it only spares the pairs that share nothing."""

KINDS = ("person", "company", "other")
# fmt: off
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "ltd": ("limited",), "inc": ("incorporated",), "corp": ("corporation",), "co": ("company",),
    "llc": ("limited liability company", "ooo", "obshchestvo s ogranichennoy otvetstvennostyu"),
    "plc": ("public limited company",), "jsc": ("joint stock company", "ao"),
    "pjsc": ("pao",), "cjsc": ("zao",), "ojsc": ("oao",),
    "sa": ("societe anonyme",), "sarl": ("societe a responsabilite limitee",),
    "gmbh": ("gesellschaft mit beschrankter haftung",), "ag": ("aktiengesellschaft",),
    "bv": ("besloten vennootschap",),
}
# fmt: on
"""Spellings of legal forms after transliteration, by canonical token.

Russian forms (ooo, ao, pao, zao, oao once transliterated) map to the English abbreviation that a
translated report uses; forms that English text leaves untranslated (GmbH, SARL, SA) keep theirs.
Two names whose legal forms share nothing (Ltd / SARL) are refused: a group often has a company
of the same name in each country.
"""
_FORM_OF = {tuple(s.split()): c for c, spellings in LEGAL_FORMS.items() for s in (c, *spellings)}
_LONGEST_FORM = max(len(words) for words in _FORM_OF)
_STOPWORDS = frozenset({"the", "and", "of"})
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_FOLDS = ((r"kh", "h"), (r"ks", "x"), (r"(?:iy|yi|ii|y)$", "i"), (r"(?<=[oe])ff$", "v"))
"""Romanizations of one Cyrillic spelling: Mikhail/Mihail, Aleksey/Alexei, Petroff/Petrov."""
_GENDER_ENDINGS = (("", "a"), ("i", "a"), ("y", "aya"), ("iy", "aya"), ("ii", "aya"))
"""Masculine and feminine forms of one name (Petrov/Petrova, Kowalski/Kowalska): relatives."""


@dataclass(frozen=True)
class Name:
    """A name as one reply reports it; `kind` is "person", "company" or "other"."""

    key: Any
    text: str
    kind: str
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")


@dataclass(frozen=True)
class Suggestion:
    a: Name
    b: Name
    score: float
    reasons: tuple[str, ...]


class _Parsed(NamedTuple):
    words: tuple[str, ...]
    forms: dict[str, str]  # canonical legal form -> the spelling used
    numbers: tuple[int, ...]  # sorted
    numerals: str  # the numbers as spelled, in the same order


def _tokens(name: str) -> list[tuple[str, str]]:
    """Return (canonical, spelling) pairs; a legal form of several words is one pair."""
    text = re.sub(r"['`\".]", "", anyascii(name.casefold()).casefold().replace("&", " and "))
    words, out, i = re.findall(r"[a-z]+|\d+", text), [], 0
    while i < len(words):
        for size in range(min(_LONGEST_FORM, len(words) - i), 0, -1):
            if (spelling := tuple(words[i : i + size])) in _FORM_OF:
                out.append((_FORM_OF[spelling], " ".join(spelling)))
                i += size
                break
        else:
            out.append((words[i], words[i]))
            i += 1
    return out


def normalize(name: str) -> str:
    """Transliterate, casefold, drop punctuation and spell each legal form one way."""
    return " ".join(canonical for canonical, _spelling in _tokens(name))


def _parse(name: str, person: bool) -> _Parsed:
    words, forms, numbers = [], {}, []
    for canonical, spelling in _tokens(name):
        if canonical.isdigit() or (not person and canonical in _ROMAN):
            numbers.append((_ROMAN.get(canonical) or int(canonical), spelling))
        elif not person and canonical in LEGAL_FORMS:
            forms.setdefault(canonical, spelling)
        elif canonical not in _STOPWORDS:
            words.append(canonical)
    numbers.sort()
    return _Parsed(
        tuple(words), forms, tuple(n for n, _s in numbers), " ".join(s for _n, s in numbers)
    )


def _fold(word: str) -> str:
    for pattern, replacement in _FOLDS:
        word = re.sub(pattern, replacement, word)
    return word


def _word_ratio(x: str, y: str) -> float:
    return max(fuzz.ratio(x, y), fuzz.ratio(_fold(x), _fold(y)))


def _sort_ratio(x: Iterable[str], y: Iterable[str]) -> float:
    return fuzz.token_sort_ratio(" ".join(map(_fold, x)), " ".join(map(_fold, y)))


def _gendered(x: str, y: str) -> bool:
    return any(
        she.endswith(f) and he.endswith(m) and len(he) - len(m) >= 3
        and he[: len(he) - len(m)] == she[: -len(f)]
        for m, f in _GENDER_ENDINGS for he, she in ((x, y), (y, x))
    )  # fmt: skip


def _align(short: tuple[str, ...], long: tuple[str, ...]) -> list[tuple[str, str, float]] | None:
    """Pair each word of `short` with its closest unused word of `long`, or return None."""
    free, pairs = list(long), []
    for word in short:
        best = max(free, key=lambda other: _word_ratio(word, other))
        if (ratio := _word_ratio(word, best)) < WORD_MIN:
            return None
        free.remove(best)
        pairs.append((word, best, ratio))
    return pairs


def _words_evidence(pa: _Parsed, pb: _Parsed, person: bool) -> tuple[float, list[str]] | None:
    """Score the distinctive words of two names (`pa` has no more than `pb`), with reasons."""
    if "".join(pa.words) == "".join(pb.words) and pa.words != pb.words:
        score = max(MATCH_MIN, fuzz.ratio(" ".join(pa.words), " ".join(pb.words)))
        return score, [_("same apart from spacing: %(name)s") % {"name": " ".join(pb.words)}]
    pairs = _align(pa.words, pb.words)
    if pairs is None or any(_gendered(word, other) for word, other, _r in pairs):
        return None
    extra = list(pb.words)
    for _word, other, _ratio in pairs:
        extra.remove(other)
    reasons, score = [], _sort_ratio(pa.words, pb.words)
    if extra:
        if not person or len(pa.words) < 2:
            return None
        score = _sort_ratio(pa.words, [other for _w, other, _r in pairs])
        score -= EXTRA_NAME_PENALTY * len(extra)
        reasons.append(_("one name adds: %(words)s") % {"words": " ".join(extra)})
    elif sorted(pa.words) == sorted(pb.words) and pa.words != pb.words:
        reasons.append(_("same words in another order"))
    for word, other, ratio in pairs:
        if word != other:
            reasons.append(
                _("spelled differently: %(a)s / %(b)s (similarity %(score)d of 100)")
                % {"a": word, "b": other, "score": round(ratio)}
            )
    return score, reasons


def compare(a: Name, b: Name) -> Suggestion | None:
    """Suggest that `a` and `b` name the same entity, with the evidence, or return None."""
    if {a.kind, b.kind} == {"person", "company"}:
        return None
    person = "person" in (a.kind, b.kind)
    (ta, pa), (tb, pb) = (a.text, _parse(a.text, person)), (b.text, _parse(b.text, person))
    if (len(pa.words), pa.words, ta) > (len(pb.words), pb.words, tb):
        (ta, pa), (tb, pb) = (tb, pb), (ta, pa)  # so that compare(a, b) and compare(b, a) agree
    if not pa.words or pa.numbers != pb.numbers:
        return None
    if pa.forms and pb.forms and not pa.forms.keys() & pb.forms.keys():
        return None
    if (evidence := _words_evidence(pa, pb, person)) is None or evidence[0] < MATCH_MIN:
        return None
    score, reasons = evidence
    na, nb, transliterated = normalize(ta), normalize(tb), not (ta + tb).isascii()
    if na == nb:
        same = (
            _("same after transliteration: %(a)s")
            if transliterated
            else _("same after normalization: %(a)s")
        )
        reasons.insert(0, same % {"a": na})
    elif transliterated:
        reasons.insert(0, _("compared after transliteration: %(a)s / %(b)s") % {"a": na, "b": nb})
    if pa.numerals != pb.numerals:
        spelled = {"a": pa.numerals, "b": pb.numerals}
        reasons.append(_("numbers written differently (%(a)s / %(b)s)") % spelled)
    for form in sorted(pa.forms.keys() & pb.forms.keys()):
        if pa.forms[form] != pb.forms[form]:
            spelled = {"a": pa.forms[form], "b": pb.forms[form]}
            reasons.append(_("legal form differs only in spelling (%(a)s / %(b)s)") % spelled)
    if one_side := sorted(pa.forms.keys() ^ pb.forms.keys()):
        forms = {"forms": ", ".join(one_side)}
        reasons.append(_("legal form given on one side only: %(forms)s") % forms)
    reasons.append(_("similarity %(score)d of 100") % {"score": round(score)})
    return Suggestion(a=a, b=b, score=score, reasons=tuple(reasons))


def _near(x: str, y: str) -> bool:
    """Tell whether two normalized names are worth a full comparison (a cheap blocking step)."""
    spaceless = fuzz.ratio(x.replace(" ", ""), y.replace(" ", ""), score_cutoff=PREFILTER_MIN)
    return bool(spaceless or fuzz.token_set_ratio(x, y, score_cutoff=PREFILTER_MIN))


def suggest(
    names: Iterable[Name], *, rejected: AbstractSet[frozenset] = frozenset()
) -> list[Suggestion]:
    """Compare every pair of names of different keys that was not rejected; best first."""
    names = list(names)
    texts = [normalize(name.text) for name in names]
    found = []
    for i, a in enumerate(names):
        for j in range(i + 1, len(names)):
            b = names[j]
            if a.key == b.key or frozenset((a.key, b.key)) in rejected:
                continue
            if _near(texts[i], texts[j]) and (suggestion := compare(a, b)):
                found.append((-suggestion.score, i, j, suggestion))
    return [suggestion for *_order, suggestion in sorted(found, key=lambda f: f[:3])]


def groups(names: Iterable[Name], confirmed: AbstractSet[frozenset]) -> list[list[Name]]:
    """Join names by the confirmed pairs of keys: each entity once, in order of first mention."""
    unique: dict[Any, Name] = {}
    for name in names:
        unique.setdefault(name.key, name)
    parent = {key: key for key in unique}

    def root(key: Any) -> Any:
        while parent[key] != key:
            key = parent[key]
        return key

    for pair in confirmed:
        keys = [key for key in pair if key in parent]
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
    joined: dict[Any, list[Name]] = {}
    for name in unique.values():
        joined.setdefault(root(name.key), []).append(name)
    return list(joined.values())
