"""The provisions a statement names, found among the instruments of the same document.

Two ways of naming a provision are read:

- by place: ``Article 5 under Chapter III entitled '...', subtitle 'Actions for ...'`` or
  ``under Section III, paragraph 1.5``. The division (``III``) is found first, then, when
  words follow, the unnumbered sub-heading of that division they match best, then the item
  numbered ``5`` (or ``1.5``) in it. Only one provision may fit: an item number printed under
  two sub-headings with no words to choose between them stays unlinked.
- by task: ``tasks the SR/CTHB to promote ...``: among the provisions addressed to that body,
  the one whose wording matches the task clearly better than any other.

Nothing is guessed: a reference that fits no provision, or several equally, is left unlinked.
"""

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from concord.ingestion.structure.numbering import parts
from concord.ingestion.structure.proposals import ProposedInstrument, ProposedProvision

_ITEM = r"(?:article|paragraph|point|item|subparagraph)s?\s+(?P<item>\d+(?:\.\d+)*)"
_DIVISION = r"(?:chapter|section|part)\s+(?P<division>[IVXLC]+|\d+)\b"
_BY_PLACE = [
    re.compile(rf"\b{_ITEM}\s+(?:under|of|in)\s+(?:the\s+)?{_DIVISION}", re.IGNORECASE),
    re.compile(rf"\b{_DIVISION},?\s+{_ITEM}\b", re.IGNORECASE),
]
_BY_TASK = re.compile(
    r"\b(?:tasks|mandates|requests|instructs)\s+(?:the\s+)?"
    r"(?P<who>[A-Z][\w/&.-]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w/&.-]*)*)\s+to\s+(?P<what>[^.;]+)"
)
_QUOTED = re.compile("[\u2018\u201c\"']([^\u2019\u201d\"']{4,200})[\u2019\u201d\"']")
_SENTENCE_END = re.compile(r"[.;](?:\s|$)")
# Scores (0-100) a match must reach, and the lead a task's best match needs over the next.
HEADING_SCORE = 70
TASK_SCORE = 60
TASK_LEAD = 10


@dataclass
class _Place:
    instrument: int
    provision: ProposedProvision


def _places(instruments: list[ProposedInstrument]) -> list[_Place]:
    return [
        _Place(index, provision)
        for index, instrument in enumerate(instruments)
        for provision in instrument.walk()
    ]


def _divisions(places: list[_Place], division: str) -> list[_Place]:
    return [
        place
        for place in places
        if place.provision.number is not None
        and place.provision.kind in ("section", "chapter", "part", "article")
        and parts(place.provision.number) == [division]
        and place.provision.children
    ]


def _sub_headings(division: ProposedProvision) -> list[ProposedProvision]:
    return [
        p
        for p in division.walk()
        if p is not division and p.number is None and p.kind == "section" and p.children
    ]


def _best_heading(division: ProposedProvision, words: list[str]) -> ProposedProvision | None:
    scored = [
        (max(fuzz.token_set_ratio(w.lower(), heading.text.lower()) for w in words), heading)
        for heading in _sub_headings(division)
    ]
    scored = [(score, heading) for score, heading in scored if score >= HEADING_SCORE]
    if not scored:
        return None
    scored.sort(key=lambda pair: -pair[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _items(scope: ProposedProvision, item: str) -> list[ProposedProvision]:
    wanted = parts(item)
    return [p for p in scope.walk() if p.number is not None and parts(p.number) == wanted]


def _by_place(text: str, places: list[_Place]) -> list[dict[str, Any]]:
    found = []
    for pattern in _BY_PLACE:
        for match in pattern.finditer(text):
            rest = text[match.end() :]
            end = _SENTENCE_END.search(rest)
            rest = rest[: end.start()] if end else rest
            words = _QUOTED.findall(rest) or ([rest] if rest.strip(" ,") else [])
            candidates = []
            for division in _divisions(places, match.group("division")):
                scope = division.provision
                if words:
                    scope = _best_heading(scope, words) or scope
                candidates += [(division.instrument, p) for p in _items(scope, match.group("item"))]
            if len(candidates) == 1:
                index, provision = candidates[0]
                found.append({"instrument": index, "ref": provision.ref})
    return found


def _addressed(provision: ProposedProvision, who: str) -> bool:
    return any(re.sub(r"^(?:the|all)\s+", "", a, flags=re.I) == who for a in provision.addressees)


def _by_task(text: str, places: list[_Place]) -> list[dict[str, Any]]:
    found = []
    for match in _BY_TASK.finditer(text):
        who, what = match.group("who"), match.group("what").lower()
        scored = sorted(
            (
                (fuzz.token_set_ratio(what, place.provision.text.lower()), place)
                for place in places
                if _addressed(place.provision, who)
            ),
            key=lambda pair: -pair[0],
        )
        if not scored or scored[0][0] < TASK_SCORE:
            continue
        if len(scored) > 1 and scored[0][0] - scored[1][0] < TASK_LEAD:
            continue
        best = scored[0][1]
        found.append({"instrument": best.instrument, "ref": best.provision.ref})
    return found


def named_provisions(text: str, instruments: list[ProposedInstrument]) -> list[dict[str, Any]]:
    """Return ``{"instrument": index, "ref": ...}`` for each provision ``text`` names."""
    places = _places(instruments)
    found = _by_place(text, places) + _by_task(text, places)
    unique = {(place["instrument"], place["ref"]): place for place in found}
    return list(unique.values())
