"""Where one instrument ends and the next begins, and what each is called.

A document can hold several instruments: an ``Annex I`` / ``Annex:`` heading starts one
(its title on the same line or the next), and so does a bold or upper-case heading opening
with a kind of document (``DECISION No. 12``, ``ADDENDUM TO ...``) once the current
instrument has content. A heading opening with ``STATEMENT`` (``INTERPRETATIVE STATEMENT``)
starts a statement attached to the nearest decision, resolution or declaration before it.
"""

import re
from dataclasses import dataclass, field

from concord.ingestion.structure.blocks import Block, heading_like, numbered_heading_like
from concord.ingestion.structure.text import ends_sentence

# Phrases naming a kind of document, and the registry's InstrumentKind they stand for.
DOCUMENT_KINDS = [
    ("interpretative statement", "statement"), ("statement", "statement"),
    ("resolution", "resolution"), ("decision", "decision"), ("addendum", "addendum"),
    ("declaration", "declaration"), ("action plan", "action_plan"),
    ("plan of action", "action_plan"), ("work plan", "work_plan"), ("workplan", "work_plan"),
    ("strategy", "strategy"), ("report", "report"), ("summary", "report"),
    ("journal", "journal"), ("agreement", "agreement"), ("convention", "convention"),
    ("protocol", "protocol"), ("statute", "statute"),
]  # fmt: skip
_OPENING_KINDS = ("decision", "resolution", "addendum", "declaration", "convention", "protocol",
                  "agreement", "statute", "report", "action plan", "work plan", "statement",
                  "interpretative statement", "draft")  # fmt: skip
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]  # fmt: skip
_STUDY = re.compile(
    r"\bThis\s+(?:paper|study)\s+(?:discusses|examines|analy[sz]es|reviews|assesses)\b"
)
_SYMBOL = re.compile(r"\b[A-Z][A-Za-z0-9.-]*(?:/[A-Za-z0-9.-]+)+")


@dataclass
class Statement:
    title: str
    blocks: list[Block]


@dataclass
class Segment:
    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    first: Block | None = None  # the block that opened it (annex or title heading)


def kind_from_title(title: str | None) -> str | None:
    """Return the kind of document ``title`` names first (``DECISION No. 7 ADDENDUM``: decision)."""
    if not title:
        return None
    lowered = title.lower()
    found = [
        (match.start(), kind)
        for phrase, kind in DOCUMENT_KINDS
        for match in [re.search(rf"\b{phrase}\b", lowered)]
        if match
    ]
    return min(found)[1] if found else None


def kind_from_text(text: str) -> str | None:
    """Return the kind a document gives itself (``the present strategy``, ``this journal``,
    ``This paper discusses ...``: a report).

    ``this`` is only trusted for kinds a document rarely cites by that word: "this Action
    Plan" or "this agreement" usually names another instrument.
    """
    phrases = "|".join(phrase for phrase, _ in DOCUMENT_KINDS if phrase != "summary")
    if _STUDY.search(text):
        return "report"  # a study reporting on its subject
    match = re.search(rf"\bthe present\s+({phrases})\b", text, re.IGNORECASE) or re.search(
        r"\bthis\s+(journal|report|strategy|decision|resolution)\b", text, re.IGNORECASE
    )
    return kind_from_title(match.group(1)) if match else None


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters if c.isascii())


def _document_heading(block: Block, source: str) -> str | None:
    """Return the kind phrase opening a bold or upper-case heading, or None."""
    if block.kind != "text" or block.number is not None or not heading_like(block, source):
        return None
    text = block.text(source)
    if not (block.is_bold() or _upper(text)):
        return None
    lowered = text.lower()
    for phrase in sorted(_OPENING_KINDS, key=len, reverse=True):
        if lowered.startswith(phrase + " ") or lowered == phrase:
            return phrase
    return None


def _annex(block: Block, source: str) -> bool:
    return (
        block.kind == "text"
        and block.number is not None
        and block.number.family == "annex"
        and numbered_heading_like(block, source)
    )


def _title_after(block: Block | None, source: str) -> bool:
    if block is None or block.kind != "text" or block.number is not None or block.bullet:
        return False
    text = block.text(source)
    return 0 < len(text) <= 250 and not ends_sentence(text) and not block.joined


def segment(blocks: list[Block], source: str) -> list[Segment]:
    """Split a document's blocks into instruments (and their statements)."""
    segments = [Segment()]
    statement: Statement | None = None
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if _annex(block, source):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            title = block.text(source)
            if not title and _title_after(following, source):
                assert following is not None
                title = following.text(source)
                index += 1
            segments.append(Segment(title=title or None, first=block))
            statement = None
            index += 1
            continue
        phrase = _document_heading(block, source)
        if phrase is not None:
            _drop_page_head(statement.blocks if statement else segments[-1].blocks, source)
        if phrase in ("statement", "interpretative statement"):
            statement = Statement(block.text(source), [block])
            _statement_target(segments).statements.append(statement)
            index += 1
            continue
        if phrase is not None and (segments[-1].blocks or segments[-1].title or statement):
            segments.append(Segment(title=block.text(source), first=block))
            statement = None
            index += 1
            continue
        if phrase is not None:
            segments[-1].title, segments[-1].first = block.text(source), block
            index += 1
            continue
        if statement is not None:
            statement.blocks.append(block)
        else:
            segments[-1].blocks.append(block)
        index += 1
    return [s for s in segments if s.blocks or s.title or s.statements]


def _page_head(block: Block, source: str) -> bool:
    """Say whether ``block`` reads as a page's head: short reference lines (a meeting, a
    symbol, a date, ``Attachment 2``, ``Original: ENGLISH``), no sentence."""
    text = block.text(source)
    return (
        block.kind == "text"
        and block.number is None
        and not block.bullet
        and not block.is_bold()
        and all(len(line.text.strip()) <= 60 for line in block.lines)
        and not any(ends_sentence(line.text) for line in block.lines)
        and bool(re.search(r"[\d:]", text))
    )


def _drop_page_head(blocks: list[Block], source: str) -> None:
    """Drop the page head printed above an instrument's or a statement's heading.

    A line introduced by a colon (``Next meeting:``) belongs to its lead, never to the head.
    """
    for _ in range(3):
        if len(blocks) < 2 or not _page_head(blocks[-1], source):
            return
        if blocks[-2].text(source).rstrip().endswith(":"):
            return
        blocks.pop()


def _statement_target(segments: list[Segment]) -> Segment:
    for candidate in reversed(segments):
        if kind_from_title(candidate.title) in ("decision", "resolution", "declaration"):
            return candidate
    return segments[-1]


def front_matter_title(segment: Segment, source: str) -> None:
    """Give an untitled segment the title its first lines print, and drop those lines."""
    if segment.title is not None:
        return
    zone: list[int] = []
    for index, block in enumerate(segment.blocks):
        if block.kind == "row":
            continue
        if block.number is not None or block.bullet:
            break
        if block.kind == "text" and not heading_like(block, source) and not block.is_bold():
            break
        zone.append(index)
    chosen = None
    for index in zone:
        block = segment.blocks[index]
        text = block.text(source)
        if block.kind != "text" or ":" in text[:30]:
            continue
        if kind_from_title(text) and re.match(
            rf"(?:{'|'.join(phrase for phrase, _ in DOCUMENT_KINDS)})\b", text, re.IGNORECASE
        ):
            chosen = index
            break
        if kind_from_title(text) and (block.is_bold() or _upper(text)) and chosen is None:
            chosen = index
    if chosen is None:
        chosen = next((i for i in zone if segment.blocks[i].is_bold()), None)
    if chosen is None:
        return
    segment.title = segment.blocks[chosen].text(source)
    segment.first = segment.blocks[chosen]
    del segment.blocks[: chosen + 1]
    while segment.blocks and _about_the_document(segment.blocks, source):
        del segment.blocks[0]


_CONTACT = re.compile(r"\b(?:Tel|Fax|E-?mail)\b\.?|@\w")


def _about_the_document(blocks: list[Block], source: str) -> bool:
    """Say whether the first block after a title speaks about the document, not in it: whom to
    ask about it (``... may be addressed to:``, names with ``Tel.``), how it is printed
    (``This document is printed ...``)."""
    block = blocks[0]
    if block.kind != "text" or block.number is not None or block.bullet:
        return False
    text = block.text(source)
    if _CONTACT.search(text) or re.match(r"This document is\b", text):
        return True
    following = blocks[1].text(source) if len(blocks) > 1 else ""
    return text.endswith(":") and bool(_CONTACT.search(following))


def number_of(title: str | None) -> str | None:
    match = re.search(r"\bNo\.?\s*(\d+(?:/\d+)?)\b", title or "")
    return match.group(1) if match else None


def symbol_for(title: str | None, number: str | None, source: str) -> str | None:
    """Return the document symbol printed in the title, or one elsewhere ending in its number."""
    for match in _SYMBOL.finditer(title or ""):
        if any(c.isdigit() for c in match.group(0)):
            return match.group(0).rstrip(".")
    if number:
        pattern = re.compile(
            rf"\b[A-Z][A-Za-z0-9.-]*(?:/[A-Za-z0-9.-]+)*/{re.escape(number)}"
            r"(?:/(?:Rev|Corr|Add|Amend)\.\d+)*(?![\w/])"
        )
        match = pattern.search(source)
        if match:
            return match.group(0)
    return None


def meeting_date(source: str) -> str | None:
    """Return the ISO date of a ``Date: Friday, 6 December 2013`` line, or None."""
    match = re.search(
        r"\bDate:\s*(?:[A-Z][a-z]+day,?\s*)?(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})", source
    )
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    day, month, year = (
        int(match.group(1)),
        _MONTHS.index(match.group(2).lower()) + 1,
        match.group(3),
    )
    return f"{year}-{month:02d}-{day:02d}"


def statement_party(statement: Statement, source: str) -> str | None:
    for block in statement.blocks[1:4]:
        match = re.search(
            r"\b(?:delegation|representative|Government|Permanent Mission) of "
            r"(?:the )?(.+?)[:.,]?$",
            block.text(source),
        )
        if match:
            return match.group(1)
    return None
