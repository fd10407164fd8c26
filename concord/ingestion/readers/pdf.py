"""PDF: the text layer of each page, read with pdfium; no OCR."""

from pathlib import Path

import pypdfium2 as pdfium
from django.utils.translation import gettext as _

from concord.ingestion.exceptions import EmptyDocument, UnreadableDocument
from concord.ingestion.readers.base import PAGE_BREAK, PDF, SourceText, register
from concord.ingestion.readers.text import normalize_newlines


@register(PDF)
def read_pdf(data: bytes, path: Path) -> SourceText:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnreadableDocument(path, _("the PDF is damaged or encrypted (%s)") % error) from error
    parts: list[str] = []
    pages: list[int] = []
    offset = 0
    try:
        for page in document:
            textpage = page.get_textpage()
            text = normalize_newlines(textpage.get_text_range()).replace("\x02", "")
            textpage.close()
            page.close()
            if parts:
                separator = f"\n{PAGE_BREAK}\n"
                parts.append(separator)
                offset += len(separator)
            pages.append(offset)
            parts.append(text)
            offset += len(text)
    finally:
        document.close()
    text = "".join(parts)
    if not text.replace(PAGE_BREAK, "").strip():
        raise EmptyDocument(
            path, _("the PDF has no text layer (a scan?); OCR is not supported yet")
        )
    return SourceText(text=text, path=str(path), media_type=PDF, pages=pages)
