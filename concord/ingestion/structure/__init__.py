"""Structure: pure functions from a ``SourceText`` to proposed instruments and provisions.

``propose(source)`` runs the rules of ``blocks`` (lines to paragraphs), ``instruments``
(where each instrument starts), ``titles`` (titles as a reader writes them), ``tree``
(headings, numbering, kinds, references), then, over the whole document, ``citations`` (the
provisions each statement names) and ``results`` (the results framework). No database
access; see docs/ingestion.md for the rules and their limits.
"""

from concord.ingestion.readers.base import SourceText
from concord.ingestion.structure import instruments as segmenting
from concord.ingestion.structure.blocks import build_blocks
from concord.ingestion.structure.citations import named_provisions
from concord.ingestion.structure.proposals import (
    ProposedDocument,
    ProposedFootnote,
    ProposedInstrument,
    ProposedProvision,
    ProposedStatement,
)
from concord.ingestion.structure.results import results_framework
from concord.ingestion.structure.text import flatten, join_pieces, lines_of
from concord.ingestion.structure.titles import acronyms, readable_title, title_from_text
from concord.ingestion.structure.tree import build_tree

__all__ = [
    "ProposedDocument",
    "ProposedFootnote",
    "ProposedInstrument",
    "ProposedProvision",
    "ProposedStatement",
    "flatten",
    "join_pieces",
    "lines_of",
    "propose",
]

_ADOPTED_AT_MEETING = ("journal", "decision")


def propose(source: SourceText) -> ProposedDocument:
    """Propose the instruments that ``source`` holds, each with its provision tree."""
    text = source.text
    blocks = build_blocks(text)
    document = ProposedDocument(source=source.path, media_type=source.media_type)
    meeting = segmenting.meeting_date(text)
    keep = acronyms(text)
    statement_texts: list[str] = []
    for part in segmenting.segment(blocks, text):
        segmenting.front_matter_title(part, text)
        built = build_tree(part.blocks, text)
        own_text = " ".join(block.text(text) for block in part.blocks)
        if part.title is None:
            part.title = title_from_text(own_text)
        kind = (
            segmenting.kind_from_title(part.title) or segmenting.kind_from_text(own_text) or "other"
        )
        number = segmenting.number_of(part.title)
        draft = bool(part.title and part.title.lower().startswith("draft"))
        starts = [b.start for b in ([part.first] if part.first else []) + part.blocks]
        ends = [b.end for b in part.blocks] + [
            s.blocks[-1].end for s in part.statements if s.blocks
        ]
        instrument = ProposedInstrument(
            title=readable_title(part.title, keep),
            kind=kind,
            span=(min(starts, default=0), max(ends, default=0)),
            symbol=segmenting.symbol_for(part.title, number, text),
            number=number,
            adopted_on=meeting if kind in _ADOPTED_AT_MEETING and not draft else None,
            body=built.body,
            draft=draft,
            provisions=built.provisions,
            footnotes=built.footnotes,
            statements=[
                ProposedStatement(
                    title=readable_title(statement.title, keep) or statement.title,
                    party=segmenting.statement_party(statement, text),
                    span=(statement.blocks[0].start, statement.blocks[-1].end),
                )
                for statement in part.statements
            ],
        )
        statement_texts += [
            " ".join(block.text(text) for block in statement.blocks[1:])
            for statement in part.statements
        ]
        document.instruments.append(instrument)
    statements = [s for instrument in document.instruments for s in instrument.statements]
    for statement, statement_text in zip(statements, statement_texts, strict=True):
        statement.provisions = named_provisions(statement_text, document.instruments)
    document.results_framework = results_framework(document.instruments)
    return document
