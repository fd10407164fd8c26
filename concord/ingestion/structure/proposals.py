"""What the structure step proposes: plain dataclasses carried through the pipeline, not models.

Every ``span`` is ``(start, end)``, a half-open range of character offsets into the
``SourceText.text`` the proposal was made from; ``flatten(text[start:end])`` gives the
provision's ``text`` (or, for a paragraph joined across a page break or a footnote, the
beginning of it).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass
class ProposedProvision:
    ref: str
    number: str | None
    kind: str
    text: str
    span: Span
    verb: str | None = None
    addressees: list[str] = field(default_factory=list)
    bracketed: bool = False
    placeholder: bool = False
    children: list["ProposedProvision"] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    # The results-framework node it prints: {"level": "goal"|"outcome"|"output"|"activity", "code"}.
    framework: dict[str, str] | None = None
    # Spans of the pieces a joined paragraph was put together from (first piece first).
    pieces: list[Span] = field(default_factory=list)

    def walk(self) -> Iterator["ProposedProvision"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "number": self.number,
            "kind": self.kind,
            "verb": self.verb,
            "addressees": self.addressees,
            "text": self.text,
            "bracketed": self.bracketed,
            "placeholder": self.placeholder,
            "span": list(self.span),
            "flags": self.flags,
            "framework": self.framework,
            "children": [child.to_json() for child in self.children],
        }


@dataclass
class ProposedFootnote:
    marker: str
    text: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text, "span": list(self.span)}


@dataclass
class ProposedStatement:
    title: str
    party: str | None
    span: Span
    # The provisions it names: {"instrument": index in the document's instruments, "ref": ...}.
    provisions: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "party": self.party,
            "span": list(self.span),
            "provisions": self.provisions,
        }


@dataclass
class ProposedInstrument:
    title: str | None
    kind: str
    span: Span
    symbol: str | None = None
    number: str | None = None
    adopted_on: str | None = None
    body: str | None = None
    draft: bool = False
    provisions: list[ProposedProvision] = field(default_factory=list)
    statements: list[ProposedStatement] = field(default_factory=list)
    footnotes: list[ProposedFootnote] = field(default_factory=list)

    def walk(self) -> Iterator[ProposedProvision]:
        for provision in self.provisions:
            yield from provision.walk()

    def find(self, ref: str) -> ProposedProvision | None:
        return next((p for p in self.walk() if p.ref == ref), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "symbol": self.symbol,
            "number": self.number,
            "kind": self.kind,
            "draft": self.draft,
            "adopted_on": self.adopted_on,
            "body": self.body,
            "span": list(self.span),
            "provisions": [provision.to_json() for provision in self.provisions],
            "statements": [statement.to_json() for statement in self.statements],
            "footnotes": [footnote.to_json() for footnote in self.footnotes],
        }


@dataclass
class ProposedDocument:
    source: str
    media_type: str
    instruments: list[ProposedInstrument] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    # Goal, outcomes, outputs and activities, each once however often it is printed:
    # {"level", "code", "parent" (a code or None), "title", "occurrences": [{"instrument", "ref"}]}.
    results_framework: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "media_type": self.media_type,
            "instruments": [instrument.to_json() for instrument in self.instruments],
            "results_framework": self.results_framework,
            "mentions": self.mentions,
        }
