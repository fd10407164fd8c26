"""Plain and Markdown-ish text, in whatever encoding charset-normalizer recognizes."""

from pathlib import Path

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from concord.ingestion.exceptions import EmptyDocument, UnreadableDocument
from concord.ingestion.readers.base import PLAIN_TEXT, SourceText, register


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return the text of ``data`` and the encoding found, UTF-8 first."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument(path, _("the text encoding could not be recognized"))
    return str(best), best.encoding


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@register(PLAIN_TEXT)
def read_text(data: bytes, path: Path) -> SourceText:
    text, encoding = decode(data, path)
    text = normalize_newlines(text)
    if not text.strip():
        raise EmptyDocument(path, _("the file holds only blank characters"))
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f")
    if controls > len(text) / 100:
        raise UnreadableDocument(path, _("the file looks like binary data, not text"))
    return SourceText(text=text, path=str(path), media_type=PLAIN_TEXT, encoding=encoding)
