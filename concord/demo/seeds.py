"""The seed documents, read where they lie, and the lines each demo fact cites.

Every value the demo loads is checked against the lines it cites before it is written: a seed
that changed under the loader fails with the file, the lines and what was expected there,
instead of loading a fact the seed no longer states.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


class SeedError(Exception):
    """A seed cannot be loaded; the message says which file, where, and what to do."""


class SeedMissing(SeedError):
    pass


class SeedMismatch(SeedError):
    pass


def seeds_dir() -> Path:
    return Path(settings.SEEDS_DIR)


def normalize_space(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Quote:
    """A value as a seed writes it ("25 September 2012") at a place and line range."""

    place: str
    text: str
    start: int
    end: int | None = None

    @property
    def last(self) -> int:
        return self.end or self.start

    @property
    def locator(self) -> str:
        """The human label stored on the Citation; it ends with the quoted value."""
        return f'{self.place}, "{self.text}"'


@dataclass(frozen=True)
class Passage:
    """A span of lines whose text a record holds (a provision, a statement), not one value."""

    place: str
    start: int
    end: int

    @property
    def locator(self) -> str:
        return f"{self.place}, text"


class SeedText:
    """The lines of one seed document, numbered from 1 as an editor shows them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SeedMissing(
                _(
                    "Seed document %(path)s is missing. Put the seed documents in %(dir)s or set "
                    "CONCORD_SEEDS_DIR to the folder that holds them."
                )
                % {"path": path, "dir": path.parent}
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SeedError(
                _("Seed document %(path)s cannot be read: %(error)s") % {"path": path, "error": exc}
            ) from None
        self.lines = raw.splitlines()
        # Character offset of the start of each line, for a provision's source span.
        self.offsets = []
        offset = 0
        for line in raw.splitlines(keepends=True):
            self.offsets.append(offset)
            offset += len(line)
        self.offsets.append(offset)

    def line(self, number: int) -> str:
        if not 1 <= number <= len(self.lines):
            raise SeedMismatch(
                _("%(name)s has %(count)d lines; the demo cites line %(line)d.")
                % {"name": self.name, "count": len(self.lines), "line": number}
            )
        return self.lines[number - 1]

    def span(self, start: int, end: int) -> list[str]:
        return [self.line(n) for n in range(start, end + 1)]

    def passage(self, start: int, end: int) -> str:
        """Return the lines as one whitespace-normalized string, without italics marks.

        A word hyphenated across a line break ("Anti-" / "Corruption") is joined again.
        """
        text = ""
        for line in self.span(start, end):
            line = line.strip()
            if not line:
                continue
            if text.endswith("-") and text[-2:-1].isalpha():
                text += line
            else:
                text = f"{text} {line}" if text else line
        return normalize_space(text.replace("*", ""))

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        self.line(end)
        return self.offsets[start - 1], self.offsets[end]

    def check(self, quote: Quote) -> Quote:
        """Return the quote if the seed writes it in the lines it cites, else fail clearly."""
        if normalize_space(quote.text) not in self.passage(quote.start, quote.last):
            raise SeedMismatch(
                _(
                    '%(name)s lines %(start)d-%(end)d (%(place)s) no longer say "%(text)s"; '
                    "the seed has changed since the demo was written."
                )
                % {
                    "name": self.name,
                    "start": quote.start,
                    "end": quote.last,
                    "place": quote.place,
                    "text": quote.text,
                }
            )
        return quote
