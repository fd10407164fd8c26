"""Word (DOCX): paragraphs and tables in document order, as the lines of a text export.

Each paragraph is a line and an empty paragraph a blank line; bold and italic runs (set on the
run, its character style or its paragraph's style) are written ``**bold**`` and ``*italic*``
(``concord.ingestion.readers.emphasis``); each table row is a line of tab-separated cells.
"""

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from zipfile import BadZipFile

import docx
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from concord.ingestion.exceptions import EmptyDocument, UnreadableDocument
from concord.ingestion.readers.base import DOCX, SourceText, register
from concord.ingestion.readers.emphasis import Run, mark_emphasis


def _from_style(style: BaseStyle | None, name: str) -> bool | None:
    while style is not None:
        value = getattr(getattr(style, "font", None), name, None)
        if value is not None:
            return value
        style = style.base_style
    return None


def _emphasis(run: DocxRun, paragraph: Paragraph, name: str) -> bool:
    """Say whether ``run`` is bold (or italic): set on it, else by its styles."""
    for value in (
        getattr(run.font, name),
        _from_style(run.style, name),
        _from_style(paragraph.style, name),
    ):
        if value is not None:
            return bool(value)
    return False


def _runs(paragraph: Paragraph) -> Iterator[Run]:
    for item in paragraph.iter_inner_content():
        for run in item.runs if isinstance(item, Hyperlink) else [item]:
            yield Run(
                run.text, _emphasis(run, paragraph, "bold"), _emphasis(run, paragraph, "italic")
            )


def _cell_text(paragraphs: list[Paragraph]) -> str:
    runs = [run for paragraph in paragraphs for run in [*_runs(paragraph), Run(" ")]]
    return " ".join(mark_emphasis(runs).split())


def _runs_of(document) -> Iterator[Run]:
    """Every paragraph's runs, each table row as one plain line, a line break between them."""
    for index, block in enumerate(document.iter_inner_content()):
        if index:
            yield Run("\n")
        if isinstance(block, Paragraph):
            yield from _runs(block)
        elif isinstance(block, Table):
            rows = [
                "\t".join(_cell_text(cell.paragraphs) for cell in row.cells) for row in block.rows
            ]
            yield Run("\n".join(rows))


@register(DOCX)
def read_docx(data: bytes, path: Path) -> SourceText:
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(path, _("the Word document is damaged (%s)") % error) from error
    text = mark_emphasis(_runs_of(document))
    if not text.strip():
        raise EmptyDocument(path, _("the Word document holds no text"))
    return SourceText(text=text, path=str(path), media_type=DOCX)
