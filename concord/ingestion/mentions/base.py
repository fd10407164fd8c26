"""The contract every mention finder keeps.

A finder is a pure function ``find(text) -> list[Mention]``: no database, no I/O. Every
mention's ``span`` is ``[start, end)`` into ``text`` and ``text[start:end] == mention.text``.
"""

import re
from dataclasses import dataclass
from typing import Any


class MentionType:
    PARTY = "party"
    ORGANIZATION = "organization"
    SYMBOL = "symbol"
    DATE = "date"
    MONEY = "money"
    QUANTITY = "quantity"
    LEGAL_REFERENCE = "legal_reference"


@dataclass(frozen=True)
class Mention:
    type: str
    text: str
    span: tuple[int, int]
    value: Any

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "span": list(self.span), "value": self.value}


def from_match(type_: str, match: re.Match[str], value: Any, group: int | str = 0) -> Mention:
    start, end = match.span(group)
    return Mention(type_, match.string[start:end], (start, end), value)


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def longest_first(mentions: list[Mention]) -> list[Mention]:
    """Keep, among mentions that overlap, the longest (the earliest when equally long)."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if not any(overlaps(mention, other) for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.span)
