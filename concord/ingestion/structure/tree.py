"""From an instrument's blocks to its provision tree.

Headings nest by rank (``Annex`` > ``Part``/``Chapter`` > ``II.`` > ``A.`` > ``Article`` >
an unnumbered heading). Items nest by numbering scheme: an item whose scheme (``1.``, ``1.1``,
``(a)``, ``A1.``, a bullet ...) is already open closes back to it and becomes its sibling;
any other scheme opens a level below. An unnumbered heading inside an open list that is
followed by a scheme not yet open (``Outputs`` before ``A1.``) is a label inside the list;
otherwise it closes the list. Unnumbered paragraphs close the list, and hold the bullets
that follow them when they end with a colon. An agenda item (``Agenda item 1:``) holds the
paragraphs after it, not the names of its speakers; a numbered lead ending with a colon holds
the line after it. An unnumbered heading inside a numbered division is ``<ref>.s<k>`` and
holds the numbering that restarts under it.
"""

import re
from dataclasses import dataclass, field

from concord.ingestion.structure import kinds
from concord.ingestion.structure.blocks import (
    Block,
    heading_like,
    numbered_heading_like,
    title_case,
)
from concord.ingestion.structure.numbering import ROMAN, Number, parse_number, roman_value
from concord.ingestion.structure.proposals import ProposedFootnote, ProposedProvision, Span
from concord.ingestion.structure.text import ends_sentence, flatten

_HEADING_RANK = {"annex": 0, "part": 1, "roman": 2, "upper": 3, "article": 4}
UNNUMBERED_RANK = 5
_OPENER = re.compile(r"^(?:The\s+)?([A-Z][\w\u2019'()-]*(?:\s+[\w\u2019'()-]+){0,10}),$")
_RESULT_LEVELS = ("outcome", "output", "activity")
# Who spoke on an agenda item of a journal ("Chairperson", "Canada, Turkey, France"), or "None".
_NAME = r"[A-Z][\w.\u2019'-]*(?: (?:of |the )?[A-Z][\w.\u2019'-]*){0,3}"
_SPEAKERS = re.compile(rf"^(?:None|{_NAME}(?:, {_NAME})*)$")
# A record's field: "Date: Friday, 6 December 2013", "Opened: 3 p.m.".
_FIELD = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)?:\s+\S.{0,60}$")


@dataclass
class Item:
    kind: str
    text: str
    pieces: list[Span]
    raw: str = ""
    number: Number | None = None
    sig: tuple = ()
    heading: bool = False
    rank: int = 99
    parent: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    verb: str | None = None
    addressees: list[str] = field(default_factory=list)
    decided: bool = False  # kind settled while building (headings, preamble, tables)
    anchor: bool = False  # an unnumbered heading whose ref its children's refs build on
    ref: str = ""
    flags: list[str] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        return self.number.parts if self.number is not None else []

    def add(self, child: "Item") -> "Item":
        child.parent = self
        self.children.append(child)
        return child

    def append_piece(self, span: Span, text: str) -> None:
        self.pieces.append(span)
        self.text = f"{self.text} {text}".strip()


@dataclass
class Built:
    provisions: list[ProposedProvision]
    footnotes: list[ProposedFootnote]
    body: str | None
    preamble: bool


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.root = Item("root", "", [])
        self.headings: list[Item] = []
        self.items: list[Item] = []
        self.footnotes: list[ProposedFootnote] = []
        self.body: str | None = None
        self.preamble: str | None = None  # None, "preamble" or "operative"
        self.last_letter = ""
        self.last_roman = 0
        self.last_lower = ""
        self.table: _Table | None = None

    # Schemes -------------------------------------------------------------------------------

    def family(self, number: Number, *, remember: bool = True) -> str:
        """Return ``roman``, ``upper``, ``lower``, ``lroman``, ``digit`` ... for ``number``."""
        value = number.value
        if number.family == "upper":
            if len(value) == 1:
                previous = {"I": "H", "V": "U", "X": "W"}
                if value in previous:
                    roman = self.last_letter != previous[value]
                else:
                    roman = value in "LCDM" and self.last_roman == roman_value(value) - 1
            else:
                roman = bool(ROMAN.match(value))
            if remember:
                if roman:
                    self.last_roman = roman_value(value)
                else:
                    self.last_letter = value
            return "roman" if roman else "upper"
        if number.family == "lower":
            after = {"i": "h", "v": "u", "x": "w"}
            if len(value) > 1:
                roman = bool(ROMAN.match(value.upper()))
            else:
                roman = value in after and self.last_lower != after[value]
            if remember and not roman:
                self.last_lower = value
            return "lroman" if roman else "lower"
        if number.family in ("alnum",):
            return "upper"
        if number.family == "dotted":
            return "digit"
        return number.family

    def signature(self, block: Block, *, remember: bool = True) -> tuple:
        if block.number is None:
            return ("bullet",) if block.bullet else ("para",)
        return (self.family(block.number, remember=remember), len(block.number.parts))

    # Placement -----------------------------------------------------------------------------

    def container(self) -> Item:
        return self.headings[-1] if self.headings else self.root

    def place_heading(self, item: Item) -> None:
        while self.headings and self.headings[-1].rank >= item.rank:
            self.headings.pop()
        self.container().add(item)
        self.headings.append(item)
        self.items = []
        self.table = None

    def place_item(self, item: Item) -> None:
        listed = item.sig in (("bullet",), ("lower", 1), ("lroman", 1))
        while self.items and self.items[-1].sig == ("para",):
            if listed and self.items[-1].text.rstrip().endswith(":"):
                break
            self.items.pop()
        signatures = [open_item.sig for open_item in self.items]
        if item.sig in signatures:
            index = len(signatures) - 1 - signatures[::-1].index(item.sig)
            self.items = self.items[:index]
        parent = self.items[-1] if self.items else self.container()
        parent.add(item)
        self.items.append(item)

    def labelled_item(self) -> Item | None:
        """Return the open agenda item (``Agenda item 2:``) that holds the paragraphs after it."""
        return next((i for i in reversed(self.items) if i.sig == ("item", 1)), None)

    def place_paragraph(self, item: Item) -> None:
        labelled = self.labelled_item()
        if labelled is not None:
            self.items = self.items[: self.items.index(labelled) + 1]
            labelled.add(item)
            return
        signatures = [open_item.sig for open_item in self.items]
        if ("para",) in signatures:
            self.items = self.items[: signatures.index(("para",))]
        else:
            self.items = []
        self.container().add(item)
        item.sig = ("para",)
        self.items.append(item)

    # Blocks --------------------------------------------------------------------------------

    def item_for(self, block: Block, kind: str = "paragraph") -> Item:
        pieces = block.pieces()
        item = Item(kind, block.text(self.source), pieces, raw=block.own_raw(self.source))
        item.number = block.number
        if len(pieces) > 1:
            item.flags.append("joined")
        return item

    def next_signature(self, blocks: list[Block], index: int) -> tuple | None:
        for block in blocks[index + 1 :]:
            if block.kind in ("footnote", "caption"):
                continue
            if block.kind == "text" and (block.number is not None or block.bullet):
                return self.signature(block, remember=False)
            return None
        return None

    def build(self, blocks: list[Block]) -> None:
        for index, block in enumerate(blocks):
            if block.kind == "footnote":
                text = block.text(self.source)
                self.footnotes.append(
                    ProposedFootnote(block.marker or "", text, (block.content_start, block.end))
                )
            elif block.kind == "row":
                if self.table is None:
                    self.table = _Table(self)
                self.table.row(block)
            elif block.kind == "text":
                self.text_block(block, blocks, index)

    def text_block(self, block: Block, blocks: list[Block], index: int) -> None:
        source = self.source
        text = block.text(source)
        number = block.number
        if number is None and not block.bullet and self.preamble is None:
            opener = _OPENER.match(text)
            if opener and len(block.lines) == 1 and not block.joined:
                self.body = opener.group(1)
                self.preamble = "preamble"
                return
        if number is not None and number.family in ("annex", "part", "upper", "article"):
            family = self.family(number, remember=False)
            if number.family != "upper" or numbered_heading_like(block, source):
                family = self.family(number)
                item = self.item_for(block, "annex" if family == "annex" else "section")
                item.heading, item.decided = True, True
                item.rank = _HEADING_RANK.get(family, _HEADING_RANK["article"])
                if number.family == "part":
                    item.kind = "part" if "art" in number.printed.lower() else "chapter"
                if number.family == "article":
                    item.kind = "article"
                item.sig = (family, len(number.parts))
                self.place_heading(item)
                return
        if number is not None or block.bullet:
            item = self.item_for(block)
            item.sig = self.signature(block)
            if number is not None and number.family == "item":
                item.kind, item.decided = "section", True
            self.place_item(item)
            return
        if self.labelled_item() is not None and _SPEAKERS.match(text):
            return
        lead = self.lead_of(block, text)
        if lead is not None:
            lead.add(self.item_for(block))
            return
        if heading_like(block, source) and not self.preamble_paragraph(text):
            item = self.item_for(block, "section")
            item.heading, item.decided, item.rank = True, True, self.unnumbered_rank(item)
            following = self.next_signature(blocks, index)
            open_signatures = [i.sig for i in self.items if i.sig != ("para",)]
            if open_signatures and following is not None and following not in open_signatures:
                item.sig = ("label",)
                item.heading = False
                self.items[-1].add(item)
                self.items.append(item)
            else:
                self.place_heading(item)
            return
        item = self.item_for(block)
        if self.preamble == "preamble":
            verb = kinds.preambular_verb(text)
            if verb:
                item.kind, item.verb, item.decided = "preambular", verb, True
        if self.preamble is not None and not item.decided:
            verb = kinds.operative_verb(item.raw, text, after_preamble=True)
            if verb:
                item.kind, item.verb, item.decided = "operative", verb, True
                self.preamble = "operative"
                found = kinds.object_addressee(text, verb)
                if found:
                    item.addressees.append(found)
        self.place_paragraph(item)

    def lead_of(self, block: Block, text: str) -> Item | None:
        """Return the numbered item that holds the one-line ``block`` after it, or None: a lead
        ending with a colon (``4. Next meeting:``) holds one line, a field (``1. Date: ...``)
        the fields after it (``Opened: 3 p.m.``)."""
        lead = self.items[-1] if self.items else None
        if lead is None or lead.number is None or len(block.lines) > 1 or block.is_bold():
            return None
        if lead.text.endswith(":") and not lead.children:
            return lead
        if _FIELD.match(lead.text) and _FIELD.match(text):
            return lead
        return None

    def unnumbered_rank(self, item: Item) -> int:
        """Rank an unnumbered heading: one in sentence case opening an unnumbered heading in
        title case (or following such a sub-heading) is its sub-heading."""
        parent = self.headings[-1] if self.headings else None
        if parent is not None and parent.rank == UNNUMBERED_RANK + 1:
            return parent.rank if not title_case(item.text) else UNNUMBERED_RANK
        if (
            parent is not None
            and parent.number is None
            and parent.rank == UNNUMBERED_RANK
            and title_case(parent.text)
            and not title_case(item.text)
            and all(child.heading for child in parent.children)
        ):
            return UNNUMBERED_RANK + 1
        return UNNUMBERED_RANK

    def preamble_paragraph(self, text: str) -> bool:
        return self.preamble is not None and (
            kinds.preambular_verb(text) is not None
            or kinds.operative_verb(text, text, after_preamble=True) is not None
        )


class _Table:
    """A results-framework table: goal, then outcome, output and activity cells by numbering depth.

    A header row naming the columns (outcomes, outputs, activities ...) says which level an
    unnumbered cell continues (a row cut by a page break); repeated headers and goal lines at
    the top of each page are page furniture.
    """

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder
        self.columns: list[str | None] = []
        self.goal: Item | None = None
        self.last: dict[str, Item] = {}

    def cells(self, block: Block) -> list[tuple[int, str]]:
        line = block.lines[0]
        raw = self.builder.source[line.start : line.start + len(line.text) + line.tabs]
        cells = []
        offset = line.start
        for cell in raw.split("\t"):
            cells.append((offset, cell))
            offset += len(cell) + 1
        return cells

    def row(self, block: Block) -> None:
        cells = self.cells(block)
        texts = [flatten(cell) for _, cell in cells]
        levels = [self.level_of(text) for text in texts]
        if sum(1 for level in levels if level) >= 2 and not any(
            parse_number(text) for text in texts if text
        ):
            self.columns = levels
            return
        filled = [(offset, cell) for offset, cell in cells if cell.strip()]
        if len(filled) == 1:
            goal = re.match(r"^\s*(?:[\w/-]+\s+)?Goal\s*:\s*", filled[0][1])
            if goal:
                if self.goal is None:
                    start = filled[0][0] + goal.end()
                    end = filled[0][0] + len(filled[0][1].rstrip())
                    text = flatten(self.builder.source[start:end])
                    self.goal = Item("goal", text, [(start, end)], decided=True)
                    self.builder.container().add(self.goal)
                return
        for column, (offset, cell) in enumerate(cells):
            if cell.strip():
                self.cell(column, offset, cell)

    @staticmethod
    def level_of(header: str) -> str | None:
        lowered = header.lower()
        for word, level in (("outcome", "outcome"), ("output", "output"), ("activit", "activity"),
                            ("goal", "goal"), ("highlight", None)):  # fmt: skip
            if word in lowered:
                return level
        return None

    def cell(self, column: int, offset: int, cell: str) -> None:
        lead = len(cell) - len(cell.lstrip())
        number = parse_number(cell.lstrip())
        start = offset + lead
        end = offset + len(cell.rstrip())
        if (
            number is not None
            and number.family in ("alnum", "upper")
            and 1 <= len(number.parts) <= 3
            and number.parts[0].isupper()
        ):
            level = _RESULT_LEVELS[len(number.parts) - 1]
            text_start = start + number.end
            item = Item(level, flatten(self.builder.source[text_start:end]), [(text_start, end)])
            item.number, item.decided = number, True
            item.raw = self.builder.source[text_start:end]
            item.sig = ("upper", len(number.parts))
            depth = len(number.parts) - 1
            parent = self.last.get(_RESULT_LEVELS[depth - 1]) if depth else self.goal
            (parent or self.goal or self.builder.container()).add(item)
            self.last[level] = item
            for deeper in _RESULT_LEVELS[depth + 1 :]:
                self.last.pop(deeper, None)
            return
        level = self.columns[column] if column < len(self.columns) else None
        if level in self.last:
            self.last[level].append_piece((start, end), flatten(self.builder.source[start:end]))
            if "joined" not in self.last[level].flags:
                self.last[level].flags.append("joined")


# Kinds ---------------------------------------------------------------------------------------


def _ancestors(item: Item):
    node = item.parent
    while node is not None:
        yield node
        node = node.parent


def _numbered_children(item: Item) -> list[Item]:
    return [child for child in item.children if child.number is not None]


def _classify(item: Item, preamble: bool) -> None:
    for child in item.children:
        _classify(child, preamble)
    if item.decided or item.kind == "root":
        return
    text = item.text
    heading_addressee = next(
        (found for a in _ancestors(item) if a.heading or a.sig == ("label",)
         for found in [kinds.heading_addressee(a.text)] if found),
        None,
    )  # fmt: skip
    if (
        item.number is not None
        and _numbered_children(item)
        and len(text) <= 120
        and not ends_sentence(text)
    ):
        item.kind = "section"
        return
    if preamble and item.number is not None:
        verb = kinds.operative_verb(item.raw, text, after_preamble=True)
        if verb:
            item.kind, item.verb = "operative", verb
            found = kinds.object_addressee(text, verb)
            if found:
                item.addressees.append(found)
            return
    if item.sig and item.sig[0] == "upper" and item.parent is not None:
        level = len(item.parts)
        lead = item.parent.text
        if level == 1 and kinds.mentions_level(lead, "outcome"):
            item.kind = "outcome"
            return
        if level == 2 and (kinds.mentions_level(lead, "output") or item.parent.kind == "outcome"):
            item.kind = "output"
            return
    should = kinds.subject_of(text, ("should",))
    if should:
        item.kind = "recommendation"
        item.addressees.append(should)
        return
    will = kinds.subject_of(text, ("will", "shall"))
    heading = next((a for a in _ancestors(item) if a.heading or a.sig == ("label",)), None)
    if will and heading is not None and re.search(r"\bactions?\b(?! plan)", heading.text, re.I):
        item.kind = "action"
        item.addressees.append(will)
        return
    if kinds.gerund(text) and item.parent is not None:
        siblings = [c for c in item.parent.children if c.sig == item.sig]
        gerunds = sum(1 for c in siblings if kinds.gerund(c.text))
        if gerunds * 3 >= len(siblings) * 2:
            item.kind = "recommended_action"
            if heading_addressee:
                item.addressees.append(heading_addressee)
            return
    if (
        item.parent is not None
        and item.parent.kind != "root"
        and not item.parent.heading
        and item.parent.sig != ("label",)
        and item.sig in (("bullet",), ("lower", 1), ("lroman", 1))
    ):
        item.kind = "point"
        return
    item.kind = "paragraph"


# References ----------------------------------------------------------------------------------


class _Refs:
    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def next(self, prefix: str) -> int:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return self.counters[prefix]

    def assign(self, item: Item) -> None:
        for child in item.children:
            self.assign_one(child)
            self.assign(child)

    def assign_one(self, item: Item) -> None:
        anchor = next((a for a in _ancestors(item) if (a.number is not None or a.anchor) and a.ref),
                      None)  # fmt: skip
        base = anchor.ref if anchor is not None else ""
        if item.number is not None:
            parts = item.parts or [re.sub(r"\W", "", item.number.printed) or "annex"]
            if (
                anchor is not None
                and parts[: len(anchor.parts)] == anchor.parts
                and len(parts) > len(anchor.parts)
            ):
                parts = parts[len(anchor.parts) :]
            if item.kind == "annex":
                parts = ["Annex" + "".join(parts)] if item.parts else ["Annex"]
            ref = ".".join(filter(None, [base, *parts]))
        elif item.kind == "preambular":
            ref = f"pp.{self.next('pp')}"
        elif item.kind == "operative":
            ref = f"op.{self.next('op')}"
        elif item.kind == "goal":
            ref = "goal"
        elif item.kind == "point" and item.parent is not None and item.parent.ref:
            index = sum(1 for c in item.parent.children[: item.parent.children.index(item)]
                        if c.kind == "point" and c.number is None)  # fmt: skip
            ref = f"{item.parent.ref}.{_letters(index)}"
        elif (item.heading or item.sig == ("label",)) and anchor is not None:
            # Inside a numbered division: ``III.s2``; a heading (not a label inside a list) then
            # holds the numbering that restarts under it (``III.s2.5``).
            ref = f"{base}.s{self.next(base + '.s')}"
            item.anchor = item.heading
        elif item.heading or item.sig == ("label",):
            ref = f"s{self.next('s')}"
        else:
            ref = f"p{self.next('p')}"
        if ref in self.used:
            if (
                item.number is not None
                and item.parent is not None
                and any(
                    sibling is not item
                    and sibling.number is not None
                    and sibling.parts == item.parts
                    and sibling.ref
                    for sibling in item.parent.children
                )
            ):
                item.flags.append("duplicate_number")
            suffix = 2
            while f"{ref}-{suffix}" in self.used:
                suffix += 1
            ref = f"{ref}-{suffix}"
        self.used.add(ref)
        item.ref = ref


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def _emit(item: Item) -> ProposedProvision:
    span = (item.pieces[0][0], item.pieces[-1][1]) if item.pieces else (0, 0)
    return ProposedProvision(
        ref=item.ref,
        number=item.number.printed if item.number is not None else None,
        kind=item.kind,
        text=item.text,
        span=span,
        verb=item.verb,
        addressees=list(dict.fromkeys(item.addressees)),
        bracketed=kinds.bracketed(item.text),
        placeholder=kinds.placeholder(item.text),
        children=[_emit(child) for child in item.children],
        flags=item.flags,
        pieces=list(item.pieces),
    )


def build_tree(blocks: list[Block], source: str) -> Built:
    """Build the provision tree of one instrument from its blocks."""
    builder = _Builder(source)
    builder.build(blocks)
    preamble = builder.preamble is not None
    _classify(builder.root, preamble)
    _Refs().assign(builder.root)
    return Built(
        [_emit(child) for child in builder.root.children],
        builder.footnotes,
        builder.body,
        preamble,
    )
