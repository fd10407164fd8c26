"""The reader contract and registry.

A reader turns a file's bytes into a ``SourceText``: the text every later step works on and
every span points into. Readers are registered for media types; ``sniff`` decides the type
from the bytes themselves, never from the file's name.
"""

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.utils.translation import gettext as _

from concord.ingestion.exceptions import EmptyDocument, UnsupportedType

PLAIN_TEXT = "text/plain"
HTML = "text/html"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PAGE_BREAK = "\f"


@dataclass
class SourceText:
    """The text of one document and where it came from.

    ``pages`` holds the offset in ``text`` where each page starts (PDF only; empty otherwise).
    Pages are separated by a line holding only a form feed, which later steps read as a
    page break.
    """

    text: str
    path: str
    media_type: str
    pages: list[int] = field(default_factory=list)
    encoding: str | None = None

    def page_of(self, offset: int) -> int | None:
        """Return the 1-based page holding ``offset``, or None when pages are unknown."""
        if not self.pages:
            return None
        page = 0
        for index, start in enumerate(self.pages):
            if start <= offset:
                page = index
        return page + 1


Reader = Callable[[bytes, Path], SourceText]

_READERS: dict[str, Reader] = {}


def register(media_type: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of ``media_type``."""

    def decorate(reader: Reader) -> Reader:
        _READERS[media_type] = reader
        return reader

    return decorate


def readers() -> dict[str, Reader]:
    return dict(_READERS)


_OLD_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<?xml")


def sniff(data: bytes, path: Path) -> str:
    """Return the media type of ``data`` from its first bytes, or raise UnsupportedType."""
    if not data.strip():
        raise EmptyDocument(path, _("the file is empty"))
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" in names:
            return DOCX
        raise UnsupportedType(
            path, _("a ZIP archive that is not a Word document (DOCX); save it as DOCX or PDF")
        )
    if data.startswith(_OLD_OFFICE):
        raise UnsupportedType(
            path, _("an old binary Office file (DOC, XLS); save it as DOCX or PDF")
        )
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(head.startswith(start.encode()) for start in _HTML_STARTS):
        if head.startswith(b"<?xml") and b"<html" not in data[:4096].lower():
            raise UnsupportedType(path, _("an XML file that is not XHTML"))
        return HTML
    if b"\x00" in data[:8192] and not _looks_like_utf16(data):
        raise UnsupportedType(path, _("binary data that is not text, HTML, PDF or DOCX"))
    return PLAIN_TEXT


def _looks_like_utf16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def reader_for(media_type: str, path: Path) -> Reader:
    """Return the reader registered for ``media_type``, or raise UnsupportedType."""
    try:
        return _READERS[media_type]
    except KeyError:
        raise UnsupportedType(path, _("no reader for %(type)s") % {"type": media_type}) from None
