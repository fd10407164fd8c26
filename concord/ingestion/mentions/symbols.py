"""Document symbols of the United Nations system and similar bodies.

A symbol is segments of letters and digits joined by ``/`` (``ICC-ASP/10/Res.2``,
``PC.DEC/1107/Corr.1``, ``MC.DD/6/13/Rev.3/Corr.1``, ``RC/Dec.2``, ``ICC-02/05-01/09-3``):
it starts with a capital letter, is not inside a path or an address, and holds a digit after
its first slash, so that ``ADB/OECD`` or ``June/July`` are not symbols. A series prefix and a
space (``C 2009/3``, ``CL 141/10``, ``JM 2011.1/3``) is read only for the short series of
governing bodies listed in ``SPACED_SERIES``. A full stop that ends the sentence is not part
of the symbol. The value is the symbol parsed by ``concord.registry.symbols.parse_symbol``.
"""

import re
from typing import Any

from concord.ingestion.mentions.base import Mention, MentionType
from concord.registry.symbols import parse_symbol

SPACED_SERIES = (
    "C",
    "CL",
    "JM",
    "PC",
    "FC",
    "CFS",
    "COAG",
    "COFI",
    "COFO",
    "CCP",
    "APRC",
    "ERC",
    "LARC",
    "NERC",
    "ARC",
    "CCLM",
    "CL",
    "CPGR",
)

_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9.()-]*"
_SLASHED = re.compile(rf"(?<![\w./:@-])[A-Z][A-Za-z0-9.-]*(?:/{_SEGMENT})+")
_SPACED = re.compile(
    rf"(?<![\w./-])(?:{'|'.join(sorted(set(SPACED_SERIES), key=len, reverse=True))})"
    r" \d{2,4}(?:\.\d+)?/\d+(?:/(?:Rev|Corr|Add)\.\d+)*(?![\w/])"
)


def symbol_value(symbol: str) -> dict[str, Any]:
    parsed = parse_symbol(symbol)
    return {
        "symbol": str(parsed),
        "base": parsed.base,
        "suffixes": [{"kind": kind, "number": number} for kind, number in parsed.suffixes],
    }


def _trim(text: str) -> str:
    """Drop what ends a sentence or a bracket rather than the symbol."""
    while text and (text[-1] in ".-" or (text[-1] == ")" and text.count("(") < text.count(")"))):
        text = text[:-1]
    return text


def find_symbols(text: str) -> list[Mention]:
    mentions = []
    for match in _SLASHED.finditer(text):
        symbol = _trim(match.group())
        after_slash = symbol.partition("/")[2]
        if not any(ch.isdigit() for ch in after_slash) or "//" in symbol:
            continue
        if text[match.start() + len(symbol) : match.start() + len(symbol) + 1] in ("/", "@"):
            continue
        start = match.start()
        mentions.append(
            Mention(MentionType.SYMBOL, symbol, (start, start + len(symbol)), symbol_value(symbol))
        )
    for match in _SPACED.finditer(text):
        mentions.append(
            Mention(MentionType.SYMBOL, match.group(), match.span(), symbol_value(match.group()))
        )
    return mentions
