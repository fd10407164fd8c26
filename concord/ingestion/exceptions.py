"""The ways a document can fail to be ingested, each naming the file and the reason."""

from pathlib import Path

from django.utils.translation import gettext as _


class IngestionError(Exception):
    """A document could not be ingested; ``str()`` says which file and why, for people."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(_("%(path)s: %(reason)s") % {"path": self.path, "reason": reason})


class UnsupportedType(IngestionError):
    """The bytes are of a type no reader handles (an image, an archive, a spreadsheet ...)."""


class UnreadableDocument(IngestionError):
    """The type is known but the file is damaged, encrypted or cannot be decoded."""


class EmptyDocument(IngestionError):
    """The file holds no text: zero bytes, only blanks, or a PDF without a text layer."""


class NoStructureFound(IngestionError):
    """The text was read but nothing in it looks like an instrument's provisions."""
