"""Turning a slice of source text into a provision's text."""

import re
from collections.abc import Iterable

_TAGS = re.compile(r"</?[a-zA-Z][^<>]*>")
# Markdown emphasis: asterisks next to a word or a bracket, not a lone "* " footnote marker.
_EMPHASIS = re.compile(r"\*{1,3}(?=[\w\[(“\"\u2018'])|(?<=[\w\].,;:)”\"\u2019'])\*{1,3}")
_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])-[ \t]*\n[ \t\f\n]*(?=[A-Za-z])")
_SPACE = re.compile(r"\s+")

TERMINAL = ".;:!?"
_TRAILING = "*”\"\u2019')]¹²³⁴⁵⁶⁷⁸⁹⁰ \t"


def flatten(raw: str) -> str:
    """Return ``raw`` as one line: markup and emphasis marks gone, blanks collapsed."""
    text = _TAGS.sub(" ", raw)
    text = _HYPHEN_BREAK.sub("-", text)
    text = _EMPHASIS.sub("", text)
    return _SPACE.sub(" ", text).strip()


def lines_of(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the first and last line (numbered from 1) of the span ``[start, end)`` of ``text``."""
    first = text.count("\n", 0, start) + 1
    return first, first + text.count("\n", start, max(start, end - 1))


def join_pieces(pieces: Iterable[str]) -> str:
    """Join the flattened pieces of a paragraph a page break or a footnote cut apart.

    A word hyphenated across the cut ("cost-" / "neutral") is joined as ``flatten`` joins one
    hyphenated across a line.
    """
    text = ""
    for piece in pieces:
        hyphenated = text[-2:-1].isalpha() and text.endswith("-") and piece[:1].isalpha()
        text = f"{text}{'' if hyphenated else ' '}{piece}" if text else piece
    return text.strip()


def ends_sentence(text: str) -> bool:
    """Say whether ``text`` ends with terminal punctuation (quotes, markers and marks aside)."""
    stripped = text.rstrip(_TRAILING)
    return bool(stripped) and stripped[-1] in TERMINAL


def ends_open(text: str) -> bool:
    """Say whether ``text`` visibly continues: it ends with a comma or a semicolon."""
    stripped = text.rstrip(_TRAILING)
    return bool(stripped) and stripped[-1] in ",;"
