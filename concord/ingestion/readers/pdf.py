"""PDF: the text layer of each page, read with pdfium and laid out as a text export; no OCR.

pdfium gives each character with its box, baseline and font, and breaks the page into lines.
The lines become the text the structure rules read, as a plain-text export of the same
document would print it:

- a line break where the next line's first word would not have fit on the line (the line
  is full) is a wrap: the two lines are joined, as the paragraph was typed, unless the next
  line opens with a number (``10.``, ``(b)``, ``A.1.2)``) or, after punctuation, a bullet;
- a vertical gap clearly wider than the document's usual line pitch (a paragraph spacing, an
  empty paragraph) is a blank line, so that paragraphs stay apart as in a text file;
- runs set in a bold font are written ``**bold**``, in an italic font ``*italic*``
  (``concord.ingestion.readers.emphasis``); a bold heading over two lines is one run;
- a hyphen that pdfium reports as a line-end mark is written as the hyphen printed there;
- a ruled table (cells drawn with lines) is read row by row, each row one line of
  tab-separated cells, whatever order the cells' text was drawn in;
- running heads and feet (lines at the top or bottom of at least half of the pages, at the
  same height, with the same words but for the page number) are dropped;
- pages are joined by a line holding a form feed.
"""

import ctypes
import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext as _

from concord.ingestion.exceptions import EmptyDocument, UnreadableDocument
from concord.ingestion.readers.base import PAGE_BREAK, PDF, SourceText, register
from concord.ingestion.readers.emphasis import Run, mark_emphasis
from concord.ingestion.readers.pdf_tables import Table, ruled_tables

_BOLD_FONTS = ("bold", "black", "heavy", "semibold", "demibold")
_ITALIC_FONTS = ("italic", "oblique")
_ITALIC_FLAG = 0x40
_LINE_END_MARKS = "\x02\ufffe"
# A gap between baselines wider than this many times the usual pitch (or the font size) is
# a blank line: single spacing is about 1.2 times the font size, an empty line twice that.
_BLANK_PITCH = 1.3
_BLANK_SIZE = 1.6
_SPACE_WIDTH = 0.25  # of the font size
_TOUCH = 3.0  # points: running heads on two pages lie this close to the same height
_DIGITS = re.compile(r"\d+")
# A line opening with a number, or with a bullet after punctuation, starts a new line even
# after a full one.
_NUMBER = re.compile(
    r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+|\(?[a-z]{1,4}\)"
    r"|\(?[A-Z](?:\.\d{1,2})*[.)]|[A-Z]\d{1,2}[.)]?|[IVXL]{1,5}\.)$"
)
_BULLET = re.compile(r"^[-\u2013\u2014\u2022\u25aa\u25e6\u00b7*]$")


@dataclass
class _Char:
    text: str
    x: float  # the origin: where the glyph starts on its baseline
    y: float
    right: float
    size: float
    bold: bool
    italic: bool
    cell: tuple[int, int, int] | None = None  # (table, row, column) on its page


@dataclass
class _Line:
    chars: list[_Char] = field(default_factory=list)

    @cached_property
    def placed(self) -> list[_Char]:
        """The characters drawn on the page (read once the line is complete)."""
        return [c for c in self.chars if c.size > 0]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def right(self) -> float:
        return max(c.right for c in self.placed)

    def first_word(self) -> list[_Char]:
        word: list[_Char] = []
        for char in self.chars:
            if char.text.isspace():
                if word:
                    break
                continue
            word.append(char)
        return [c for c in word if c.size > 0]

    @property
    def baseline(self) -> float:
        return min(c.y for c in self.placed)

    first_baseline = last_baseline = baseline

    @property
    def size(self) -> float:
        return max(c.size for c in self.placed)

    def runs(self) -> Iterator[Run]:
        start = 0
        for index in range(1, len(self.chars) + 1):
            if index == len(self.chars) or _style(self.chars[index]) != _style(self.chars[start]):
                text = "".join(c.text for c in self.chars[start:index])
                yield Run(text, self.chars[start].bold, self.chars[start].italic)
                start = index


@dataclass
class _Row:
    """A row of a ruled table: for each cell, its lines and where the cell ends."""

    table: int
    index: int
    cells: list[list[_Line]]
    rights: list[float]

    @property
    def first_baseline(self) -> float:
        return max(line.baseline for cell in self.cells for line in cell)

    @property
    def last_baseline(self) -> float:
        return min(line.baseline for cell in self.cells for line in cell)

    @property
    def size(self) -> float:
        return max(line.size for cell in self.cells for line in cell)

    def text(self) -> str:
        """Return the row as one line of tab-separated cells, each cell's lines joined."""
        return "\t".join(
            _cell_text(cell, right) for cell, right in zip(self.cells, self.rights, strict=True)
        )


def _cell_text(lines: list[_Line], right_edge: float) -> str:
    runs: list[Run] = []
    for line, following in itertools.zip_longest(lines, lines[1:]):
        runs.extend(line.runs())
        if following is not None:
            runs.append(Run(_joint(line, following, right_edge)))
    return " ".join(mark_emphasis(runs).split())


def _joint(line: _Line, following: _Line, right_edge: float) -> str:
    """Return what joins ``line`` to ``following``, the line that wraps after it.

    A blank, unless the line ends with one or with a hyphen ending a word; nothing either when
    the line is one word reaching the right edge and the next goes on in lower case: a word
    too long for the line (or the table cell), cut where the line ended.
    """
    text = line.text
    if text.endswith(" ") or (text.endswith("-") and text[-2:-1].isalnum()):
        return ""
    if (
        len(text.split()) == 1
        and line.right > right_edge - _BLANK_SIZE * line.size
        and following.text.lstrip()[:1].islower()
    ):
        return ""
    return " "


def _style(char: _Char) -> tuple[bool, bool]:
    return (char.bold, char.italic)


class _Fonts:
    """Read each character's font name and flags, and say whether it is bold or italic."""

    def __init__(self) -> None:
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.known: dict[tuple[bytes, int], tuple[bool, bool]] = {}

    def emphasis(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> tuple[bool, bool]:
        pdfium_c.FPDFText_GetFontInfo(
            textpage, index, self.buffer, len(self.buffer), self.flags_ref
        )
        key = (self.buffer.value, self.flags.value)
        if key not in self.known:
            name = key[0].decode("latin-1").lower()
            bold = any(word in name for word in _BOLD_FONTS) or (
                pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600
            )
            italic = any(word in name for word in _ITALIC_FONTS) or bool(key[1] & _ITALIC_FLAG)
            self.known[key] = (bold, italic)
        return self.known[key]


def _lines(textpage: pdfium.PdfTextPage, fonts: _Fonts) -> list[_Line]:
    """Return the page's lines as pdfium breaks them, each with its placed characters."""
    lines = [_Line()]
    raw = textpage.raw  # the handle itself: ctypes calls per character add up
    x, y = ctypes.c_double(), ctypes.c_double()
    origin = (ctypes.byref(x), ctypes.byref(y))
    box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    box_refs = [ctypes.byref(value) for value in box]
    for index in range(textpage.count_chars()):
        text = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if text == "\n":
            lines.append(_Line())
            continue
        if text == "\r":
            continue
        if text in _LINE_END_MARKS:
            text = "-"
        if pdfium_c.FPDFText_IsGenerated(raw, index) or text.isspace():
            lines[-1].chars.append(_Char(text, 0, 0, 0, 0, False, False))  # not placed
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, index, *origin)
        pdfium_c.FPDFText_GetCharBox(raw, index, *box_refs)
        right = box[1].value
        size = pdfium_c.FPDFText_GetFontSize(raw, index)
        lines[-1].chars.append(
            _Char(text, x.value, y.value, right, size, *fonts.emphasis(raw, index))
        )
    return [line for line in lines if line.placed]


def _place_in_tables(lines: list[_Line], tables: list[Table]) -> None:
    """Give each character the table cell it lies in; a blank takes the cell before it."""
    for line in lines:
        cell = None
        for char in line.chars:
            if char.size > 0:
                cell = None
                for number, table in enumerate(tables):
                    found = table.cell_of((char.x + char.right) / 2, char.y + 0.3 * char.size)
                    if found is not None:
                        cell = (number, *found)
                        break
            char.cell = cell


def _layout(lines: list[_Line], tables: list[Table]) -> list[_Line | _Row]:
    """Return the page's lines with the text of its tables gathered into rows, in order."""
    _place_in_tables(lines, tables)
    items: list[_Line | _Row] = []
    rows: dict[tuple[int, int], _Row] = {}
    for line in lines:
        pieces: dict[tuple[int, int, int] | None, _Line] = {}
        for char in line.chars:
            pieces.setdefault(char.cell, _Line()).chars.append(char)
        for cell, piece in pieces.items():
            if not piece.placed:
                continue
            if cell is None:
                items.append(piece)
                continue
            table, row, column = cell
            if (table, row) not in rows:
                rules = tables[table].columns[row]
                rows[table, row] = _Row(table, row, [[] for _ in rules[1:]], rules[1:])
                items.append(rows[table, row])
            rows[table, row].cells[column].append(piece)
    # Rows in the order they are drawn on the page, whatever the order their text came in.
    for table in range(len(tables)):
        places = [
            i for i, item in enumerate(items) if isinstance(item, _Row) and item.table == table
        ]
        ordered = sorted((items[i] for i in places), key=lambda row: row.index)
        for place, row in zip(places, ordered, strict=True):
            items[place] = row
    return items


def _furniture_key(item: "_Line | _Row") -> tuple[str, int] | None:
    if not isinstance(item, _Line):
        return None
    return _DIGITS.sub("#", " ".join(item.text.split())), round(item.baseline / _TOUCH)


def _without_furniture(pages: list[list["_Line | _Row"]]) -> list[list["_Line | _Row"]]:
    """Drop running heads and feet: lines at a page's top or bottom that recur, at the same
    height and with the same words (page numbers aside), on at least half of the pages."""
    if len(pages) < 2:
        return pages
    seen: dict[tuple[str, int], int] = {}
    for items in pages:
        for key in {_furniture_key(item) for item in items[:2] + items[-2:]}:
            if key is not None:
                seen[key] = seen.get(key, 0) + 1
    recurring = {key for key, count in seen.items() if count >= max(2, len(pages) / 2)}
    return [
        [
            item
            for index, item in enumerate(items)
            if not ((index < 2 or index >= len(items) - 2) and _furniture_key(item) in recurring)
        ]
        for items in pages
    ]


def _usual_pitch(pages: list[list[_Line | _Row]]) -> float:
    """Return the most common distance between the baselines of two lines in a row."""
    pitches = [
        round(above.baseline - below.baseline, 1)
        for items in pages
        for above, below in itertools.pairwise(items)
        if isinstance(above, _Line)
        and isinstance(below, _Line)
        and 0 < above.baseline - below.baseline < 3 * below.size
    ]
    return statistics.mode(pitches) if pitches else 0.0


def _wrapped(line: _Line, following: _Line, right_edge: float) -> bool:
    """Say whether ``following`` goes on with ``line``: its first word would not fit after it."""
    word = following.first_word()
    if not word:
        return False
    marker = "".join(c.text for c in word)
    if _NUMBER.match(marker) or (_BULLET.match(marker) and line.text.rstrip()[-1:] in ".:;,!?"):
        return False
    space = _SPACE_WIDTH * following.size
    return line.right + space + (word[-1].right - word[0].x) > right_edge


def _page_runs(items: list[_Line | _Row], pitch: float, right_edge: float) -> Iterator[Run]:
    for index, item in enumerate(items):
        if index:
            above = items[index - 1]
            gap = above.last_baseline - item.first_baseline
            if isinstance(above, _Row) and isinstance(item, _Row) and above.table == item.table:
                yield Run("\n")
            elif gap < 0 or gap > max(_BLANK_PITCH * pitch, _BLANK_SIZE * item.size):
                yield Run("\n\n")
            elif not (
                isinstance(above, _Line)
                and isinstance(item, _Line)
                and _wrapped(above, item, right_edge)
            ):
                yield Run("\n")
            else:
                yield Run(_joint(above, item, right_edge))
        if isinstance(item, _Row):
            yield Run(item.text())
        else:
            yield from item.runs()


@register(PDF)
def read_pdf(data: bytes, path: Path) -> SourceText:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnreadableDocument(path, _("the PDF is damaged or encrypted (%s)") % error) from error
    fonts = _Fonts()
    pages: list[list[_Line | _Row]] = []
    try:
        for page in document:
            textpage = page.get_textpage()
            pages.append(_layout(_lines(textpage, fonts), ruled_tables(page)))
            textpage.close()
            page.close()
    finally:
        document.close()
    pages = _without_furniture(pages)
    pitch = _usual_pitch(pages)
    right_edge = max(
        (item.right for items in pages for item in items if isinstance(item, _Line)), default=0.0
    )
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for lines in pages:
        if parts:
            separator = f"\n{PAGE_BREAK}\n"
            parts.append(separator)
            offset += len(separator)
        starts.append(offset)
        text = mark_emphasis(_page_runs(lines, pitch, right_edge))
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    if not text.replace(PAGE_BREAK, "").strip():
        raise EmptyDocument(
            path, _("the PDF has no text layer (a scan?); OCR is not supported yet")
        )
    return SourceText(text=text, path=str(path), media_type=PDF, pages=starts)
