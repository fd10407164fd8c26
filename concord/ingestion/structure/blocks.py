"""From source text to blocks: the paragraphs, headings, footnotes and table rows of a document.

Rules, in order:

1. Lines holding only blanks, a form feed or punctuation (``***``, ``---``) separate blocks; a
   page number (``- 6 -`` with hyphens or dashes, ``Page 6``) is a page break, and the short
   unnumbered lines just above it (a running foot) and any line just below it that also appears
   elsewhere (a running head) are page furniture, dropped.
2. A block starts at a blank line, at a numbered or bulleted line, at a footnote line
   (``¹ ...``, ``1 Capitalized ...`` after a blank, ``* ...`` when some line ends in ``*``),
   at a figure or table caption, and at each table row (a line with two tabs or more).
3. A block that starts in lower case, or that follows a paragraph left without terminal
   punctuation (unless it opens with a label, ``Opened: 3 p.m.``), continues that paragraph
   across the blank line, page break or footnotes in between; a block following a footnote
   that ends in ``;`` or ``,`` continues the footnote.
4. A heading printed without a blank line before it is its own block: the last line of a
   block, in title case after a line ending a sentence (``... Viet Nam.`` / ``Impacts of Trade
   on Growth``), or in sentence case after a short heading line it does not continue.
5. What a figure or a table holds is not text: the blocks between a ``Figure``/``Table``
   caption and its ``Source:``/``Note:`` line (when no paragraph comes in between) are
   ``figure`` blocks, and so are a ``Note``/``Disclaimer`` heading and the block after it. A
   caption not ending a sentence continues on a short next line (``1995-2011 (%)``).
"""

import re
from dataclasses import dataclass, field

from concord.ingestion.structure.numbering import Number, bullet_end, parse_number
from concord.ingestion.structure.text import ends_open, ends_sentence, flatten, join_pieces

_PAGE_NUMBER = re.compile(
    r"^[ \t]*(?:[-\u2013—][ \t]*\d{1,4}[ \t]*[-\u2013—]"
    r"|(?:Page|page|PAGE)[ \t]+\d{1,4}(?:[ \t]+of[ \t]+\d+)?"
    r"|\d{1,4}[ \t]*/[ \t]*\d{1,4})[ \t]*$"
)
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_FOOTNOTE_SUPER = re.compile(rf"^[ \t]*(?P<m>[{_SUPERSCRIPTS}]+)[ \t]*(?=\S)")
_FOOTNOTE_DIGIT = re.compile(r"^[ \t]*(?P<m>\d{1,2})[ \t]+(?=[A-Z“\"])")
_FOOTNOTE_STAR = re.compile(r"^[ \t]*(?P<m>\*{1,3})[ \t]+(?=\S)")
_CAPTION = re.compile(
    r"^[ \t]*(?:Figure|Fig\.|Table|Chart|Graph|Box|Source|Sources|Note)s?\b[ \t]*\d*[.:]"
)
_FIGURE = re.compile(r"^[ \t]*(?:Figure|Fig\.|Table|Chart|Graph|Box)[ \t]*\d+[.:]")
_FIGURE_END = re.compile(r"^[ \t]*(?:Sources?|Notes?)[ \t]*:")
_EDITORIAL_NOTE = re.compile(r"^[ \t]*(?:\*\*)?(?:note|notes|disclaimer)(?:\*\*)?[ \t]*$", re.I)
# A line opening with a label ("Opened: 3 p.m.", "Decision: The Council adopted ...").
_LABELLED = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)?:[ \t]")
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
     "or", "per", "than", "the", "to", "under", "upon", "via", "with"]
)  # fmt: skip


@dataclass
class Line:
    start: int
    end: int  # end of the content, trailing blanks excluded
    text: str  # the content, source[start:end]
    tabs: int = 0  # tabs in the raw line, trailing ones included (empty table cells)

    @property
    def blank(self) -> bool:
        return not any(c.isalnum() for c in self.text)


@dataclass
class Block:
    kind: str  # text, footnote, row, caption, figure (a figure's or table's content)
    lines: list[Line]
    number: Number | None = None
    bullet: bool = False
    marker: str | None = None  # a footnote's marker
    joined: list["Block"] = field(default_factory=list)  # continuations, in order
    page_break_before: bool = False

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        last = self.joined[-1] if self.joined else self
        return last.lines[-1].end

    @property
    def content_start(self) -> int:
        """Where the text starts: after the number, the bullet or the footnote marker."""
        first = self.lines[0]
        if self.number is not None:
            offset = self.number.end
        elif self.kind == "footnote" and self.marker is not None:
            offset = first.text.index(self.marker) + len(self.marker)
        elif self.bullet:
            offset = bullet_end(first.text) or 0
        else:
            offset = 0
        offset += len(first.text[offset:]) - len(first.text[offset:].lstrip())
        return first.start + offset

    def own_raw(self, source: str) -> str:
        return source[self.content_start : self.lines[-1].end]

    def pieces(self) -> list[tuple[int, int]]:
        own = (self.content_start, self.lines[-1].end)
        return [own] + [
            (b.lines[0].start + _indent(b.lines[0]), b.lines[-1].end) for b in self.joined
        ]

    def text(self, source: str) -> str:
        return join_pieces(flatten(source[start:end]) for start, end in self.pieces())

    def first_line(self) -> str:
        return self.lines[0].text

    def is_bold(self) -> bool:
        return self.first_line().lstrip().startswith("**")


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def split_lines(source: str) -> list[Line]:
    lines = []
    offset = 0
    for raw in source.split("\n"):
        content = raw.rstrip(" \t\r\f\u00a0")
        lines.append(Line(offset, offset + len(content), content, raw.count("\t")))
        offset += len(raw) + 1
    return lines


def heading_like(block: Block, source: str) -> bool:
    """Say whether an unnumbered block reads as a heading: short, one or two lines, unpunctuated."""
    if block.kind != "text" or block.bullet or not _heading_continuations(block):
        return False
    text = block.text(source)
    if not text or len(block.lines) > 4 or len(text) > 160:
        return False
    if block.is_bold() and block.lines[-1].text.rstrip().endswith("**"):
        return True
    if len(block.lines) > 2 or len(text) > 130:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    return not ends_sentence(text) and not text.endswith(",")


def _heading_continuations(block: Block) -> bool:
    """Say whether the pieces joined to ``block`` could end a heading: short lower-case lines."""
    return all(
        len(piece.lines) == 1
        and len(piece.lines[0].text.strip()) <= 40
        and piece.lines[0].text.lstrip()[:1].islower()
        for piece in block.joined
    )


def title_case(text: str) -> bool:
    """Say whether ``text`` is in title case: every word but the small ones capitalized."""
    words = [w for w in re.findall(r"[A-Za-z][\w\u2019'-]*", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[0].isupper() for w in words)


def _heading_line(text: str) -> bool:
    stripped = text.strip()
    return (
        0 < len(stripped) <= 80
        and stripped[0].isupper()
        and not ends_sentence(stripped)
        and not ends_open(stripped)
        and not stripped.startswith("**")
        and parse_number(stripped) is None
        and len(stripped.split()) >= 2
    )


def _starts_heading(lines: list[Line], index: int, block: Block) -> bool:
    """Say whether line ``index``, the last of its block, is a heading printed without a blank."""
    line, previous = lines[index], lines[index - 1]
    following = lines[index + 1] if index + 1 < len(lines) else None
    if (following is not None and not following.blank) or not _heading_line(line.text):
        return False
    if block.number is not None or block.bullet or block.first_line().lstrip().startswith("**"):
        return False
    before = previous.text.strip()
    if title_case(line.text) and ends_sentence(before) and before[-1:] != ":":
        return True
    # "... Economy / and Reforms / Impacts on the economy": a sub-heading after a heading's tail.
    return (
        len(block.lines) == 1
        and block.first_line().lstrip()[:1].islower()
        and len(before) <= 40
        and not ends_sentence(before)
        and not title_case(line.text)
    )


def numbered_heading_like(block: Block, source: str) -> bool:
    """Say whether a numbered block (``II.``, ``A.``, ``Annex I``) is a heading, not an item."""
    if block.bullet or block.number is None:
        return False
    text = block.text(source)
    if len(text) > 160 or len(block.lines) > 3 or ends_open(text):
        return False
    # A sentence break inside it ("... its members. A second sentence ...") makes it a paragraph.
    return not re.search(r"[.;] +[A-Z][\w\u2019'-]* +[a-z]", text)


def _furniture(lines: list[Line]) -> set[int]:
    """Return the indexes of page numbers, running heads and running feet."""
    dropped: set[int] = set()
    counts: dict[str, int] = {}
    for line in lines:
        key = line.text.strip()
        if key:
            counts[key] = counts.get(key, 0) + 1
    for index, line in enumerate(lines):
        if not _PAGE_NUMBER.match(line.text):
            continue
        dropped.add(index)
        before = index - 1
        taken = 0
        while before >= 0 and taken < 3:
            text = lines[before].text.strip()
            if lines[before].blank:
                before -= 1
                continue
            if len(text) > 70 or ends_sentence(text) or parse_number(text) or ends_open(text):
                break
            dropped.add(before)
            taken += 1
            before -= 1
        after = index + 1
        while after < len(lines) and lines[after].blank:
            after += 1
        if (
            after < len(lines)
            and counts.get(lines[after].text.strip(), 0) > 1
            and not parse_number(lines[after].text)
        ):
            dropped.add(after)
    return dropped


def _is_row(line: Line) -> bool:
    return line.tabs >= 2


def _footnote_marker(line: Line, after_blank: bool, star_refs: bool) -> str | None:
    match = _FOOTNOTE_SUPER.match(line.text)
    if match:
        return match.group("m")
    if after_blank:
        match = _FOOTNOTE_DIGIT.match(line.text)
        if match and (len(line.text.strip()) > 40 or ends_sentence(line.text)):
            return match.group("m")
        match = _FOOTNOTE_STAR.match(line.text)
        if match and star_refs and not line.text.lstrip().startswith("**"):
            return match.group("m")
    return None


def build_blocks(source: str) -> list[Block]:
    """Split ``source`` into blocks (rules 1 and 2), then join continuations (rule 3)."""
    lines = split_lines(source)
    dropped = _furniture(lines)
    star_refs = any(
        re.search(r"\w\*$", line.text.rstrip("*").rstrip() + "*")
        and line.text.rstrip().endswith("*")
        and not line.text.rstrip().endswith("**")
        for line in lines
    )
    blocks: list[Block] = []
    current: Block | None = None
    after_blank = True
    page_break = False
    for index, line in enumerate(lines):
        if index in dropped:
            if _PAGE_NUMBER.match(line.text):
                page_break = True
            current = None
            after_blank = True
            continue
        if line.blank:
            if "\f" in source[line.start : line.end + 1]:
                page_break = True
            current = None
            after_blank = True
            continue
        marker = _footnote_marker(line, after_blank, star_refs)
        number = None if marker else parse_number(line.text)
        bullet = bullet_end(line.text) is not None and not line.text.lstrip().startswith("**")
        starts = (
            current is None
            or _is_row(line)
            or current.kind == "row"
            or (current.kind == "caption" and not _caption_continues(current, line))
            or marker is not None
            or (current.kind in ("text", "footnote") and _starts_heading(lines, index, current))
            or number is not None
            or bullet
            or _CAPTION.match(line.text) is not None
        )
        if starts:
            if _is_row(line):
                kind = "row"
            elif marker is not None:
                kind = "footnote"
            elif _CAPTION.match(line.text):
                kind = "caption"
            else:
                kind = "text"
            current = Block(kind, [line], number, bullet and number is None, marker)
            current.page_break_before = page_break
            if number is not None:
                current.bullet = number.bullet
            blocks.append(current)
        else:
            assert current is not None
            current.lines.append(line)
        page_break = False
        after_blank = False
    _set_apart_figures(blocks, source)
    return _join(blocks, source)


def _caption_continues(caption: Block, line: Line) -> bool:
    """Say whether ``line`` goes on with a caption left open (``by Country,`` / ``1995-2011``)."""
    last = caption.lines[-1].text
    return (
        not ends_sentence(last)
        and len(line.text.strip()) <= 60
        and parse_number(line.text) is None
        and not _CAPTION.match(line.text)
    )


def _prose(block: Block, source: str) -> bool:
    text = block.text(source)
    return block.kind == "text" and (text[:1].islower() or ends_sentence(text))


def _set_apart_figures(blocks: list[Block], source: str) -> None:
    """Mark what figures, tables and editorial notes hold (rule 5): it is no provision."""
    for index, block in enumerate(blocks):
        if (
            block.kind == "text"
            and _EDITORIAL_NOTE.match(block.first_line())
            and len(block.lines) == 1
        ):
            block.kind = "figure"
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.kind == "text" and following.number is None:
                following.kind = "figure"
            continue
        if block.kind != "caption" or not _FIGURE.match(block.first_line()):
            continue
        inside: list[Block] = []
        for candidate in blocks[index + 1 :]:
            if candidate.kind == "caption" and _FIGURE_END.match(candidate.first_line()):
                for held in inside:
                    held.kind = "figure"
                break
            if candidate.kind == "caption" or candidate.kind == "footnote":
                break
            if _prose(candidate, source) or (
                candidate.number is not None
                and candidate.number.family != "lower"
                and numbered_heading_like(candidate, source)
            ):
                break
            inside.append(candidate)


def _join(blocks: list[Block], source: str) -> list[Block]:
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "text" and block.number is None and not block.bullet:
            target = _continued(block, kept, source)
            if target is not None:
                target.joined.append(block)
                continue
        kept.append(block)
    return kept


def _continued(block: Block, kept: list[Block], source: str) -> Block | None:
    """Return the block that ``block`` continues, or None when it stands alone."""
    if not kept:
        return None
    first = block.first_line().lstrip()
    lower = first[:1].islower()
    previous = kept[-1]
    if previous.kind == "footnote":
        previous_text = previous.text(source)
        if ends_open(previous_text) or (lower and not ends_sentence(previous_text)):
            return previous
    if not lower and (heading_like(block, source) or _LABELLED.match(first)):
        return None
    for candidate in reversed(kept):
        if candidate.kind == "footnote":
            continue
        if candidate.kind != "text":
            return None
        candidate_text = candidate.text(source)
        if lower and not ends_sentence(candidate_text):
            return candidate
        if candidate.number is None and not candidate.bullet and heading_like(candidate, source):
            return None
        # Upper case after a blank continues only a paragraph cut mid-phrase ("... the rights of").
        if candidate_text.rstrip("*¹²³⁴⁵⁶⁷⁸⁹⁰ ")[-1:].isalnum():
            return candidate
        return None
    return None
