"""Legal references: a provision of an instrument named by its number.

``article 93, paragraph 1(k), of the Statute`` -> ``{"article": "93", "paragraph": "1(k)",
"instrument": "Statute"}``; ``operative paragraph 13 of resolution ICC-ASP/10/Res.2`` ->
``{"paragraph": "13", "operative": true, "instrument": "ICC-ASP/10/Res.2", "instrument_kind":
"resolution"}``. Fields are present as found. A reference opens with article, rule,
regulation, section, chapter, annex or paragraph and a number (``93``, ``5 bis``, ``1(k)``,
``IV.1(A)6``, ``(b)``), may name finer parts (``, paragraph 3,``) and the instrument after
``of`` (capitalized words such as ``the Rules of Procedure and Evidence``, or a symbol,
perhaps after ``resolution``/``decision``). Without an instrument only articles, rules and
regulations count: a bare ``paragraph 4`` is too often a cross-reference inside the same text
to be worth a mention.
"""

import re
from typing import Any

from concord.ingestion.mentions.base import Mention, MentionType, from_match

_PARTS = ("article", "rule", "regulation", "section", "chapter", "annex", "paragraph",
          "subparagraph", "sub-paragraph")  # fmt: skip
_STANDALONE = {"article", "rule", "regulation"}
_NUMBER = (
    r"(?:(?:\d+[a-z]?|[IVXLC]+\b|[A-Z]\b)(?:\.\d+|\.[A-Z]\b|\([A-Za-z0-9]{1,4}\)|\d+)*"
    r"(?:\s(?:bis|ter|quater)\b)?|\([a-z0-9]{1,4}\))"
)
_PART = r"(?i:article|rule|regulation|section|chapter|annex|paragraph|sub-?paragraph)s?"
_SYMBOL = r"[A-Z][A-Za-z0-9.-]*(?:/[A-Za-z0-9][A-Za-z0-9.()-]*)+"
_NAME_WORD = r"[A-Z][\w'\u2019-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:of|on|for|the|to|in)\s+|and\s+(?=[A-Z][a-z]))*{_NAME_WORD})*"
_REFERENCE = re.compile(
    rf"(?<![\w-])(?P<operative>(?i:operative|preambular)\s+)?(?P<head>{_PART})\s+"
    rf"(?P<number>{_NUMBER})"
    rf"(?P<parts>(?:,?\s+{_PART}\s+{_NUMBER})*)"
    rf"(?:,?\s+of\s+(?:the\s+)?(?:(?P<kind>(?i:resolution|decision))\s+(?P<symbol>{_SYMBOL})"
    rf"|(?P<bare_symbol>{_SYMBOL})|(?P<name>{_NAME})))?"
)
_SUB_PART = re.compile(rf"(?P<head>{_PART})\s+(?P<number>{_NUMBER})")


def _part_name(head: str) -> str:
    name = head.lower().replace("-", "").rstrip("s")
    return "paragraph" if name == "subparagraph" else name


def _value(match: re.Match[str]) -> dict[str, Any] | None:
    head = _part_name(match["head"])
    value: dict[str, Any] = {head: match["number"]}
    for part in _SUB_PART.finditer(match["parts"] or ""):
        name = _part_name(part["head"])
        if name == "paragraph" and "paragraph" in value:
            value["subparagraph"] = part["number"]
        else:
            value.setdefault(name, part["number"])
    if match["operative"]:
        value[match["operative"].strip().lower()] = True
    symbol = match["symbol"] or match["bare_symbol"]
    if symbol:
        value["instrument"] = symbol.rstrip(".")
        if match["kind"]:
            value["instrument_kind"] = match["kind"].lower()
    elif match["name"]:
        value["instrument"] = match["name"]
    elif head not in _STANDALONE:
        return None
    return value


def find_legal_references(text: str) -> list[Mention]:
    mentions = []
    for match in _REFERENCE.finditer(text):
        value = _value(match)
        if value is None:
            continue
        mention = from_match(MentionType.LEGAL_REFERENCE, match, value)
        if mention.text.endswith("."):
            start, end = mention.span
            mention = Mention(mention.type, text[start : end - 1], (start, end - 1), value)
        mentions.append(mention)
    return mentions
