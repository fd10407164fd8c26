"""Readers, chosen from a registry by the type sniffed from a file's bytes.

``read_document(path)`` is the one entry point: it sniffs, picks the reader and returns a
``SourceText``, or raises one of the named errors of ``concord.ingestion.exceptions``.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from concord.ingestion.exceptions import UnreadableDocument
from concord.ingestion.readers import docx, html, pdf, text  # noqa: F401  (they register)
from concord.ingestion.readers.base import (
    DOCX,
    HTML,
    PDF,
    PLAIN_TEXT,
    SourceText,
    reader_for,
    readers,
    sniff,
)

__all__ = ["DOCX", "HTML", "PDF", "PLAIN_TEXT", "SourceText", "read_document", "readers", "sniff"]


def read_document(path: Path | str) -> SourceText:
    """Read the file at ``path`` with the reader for its sniffed type."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableDocument(path, _("this is a folder, not a file")) from None
    except FileNotFoundError:
        raise UnreadableDocument(path, _("no such file")) from None
    except PermissionError:
        raise UnreadableDocument(path, _("permission denied")) from None
    media_type = sniff(data, path)
    return reader_for(media_type, path)(data, path)
