"""Word (DOCX): paragraphs and tables in document order; table rows as tab-separated cells."""

from io import BytesIO
from pathlib import Path
from zipfile import BadZipFile

import docx
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from concord.ingestion.exceptions import EmptyDocument, UnreadableDocument
from concord.ingestion.readers.base import DOCX, SourceText, register


@register(DOCX)
def read_docx(data: bytes, path: Path) -> SourceText:
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(path, _("the Word document is damaged (%s)") % error) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocument(path, _("the Word document holds no text"))
    return SourceText(text=text, path=str(path), media_type=DOCX)
