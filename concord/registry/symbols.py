"""Document symbols of the United Nations system and how their revisions chain.

``MC.DD/6/13/Rev.3/Corr.1`` is the first corrigendum of the third revision of ``MC.DD/6/13``.
"""

import re
from dataclasses import dataclass

_SUFFIX = re.compile(r"/(Rev|Corr|Add|Amend)\.(\d+)$", re.IGNORECASE)
_CANONICAL = {"rev": "Rev", "corr": "Corr", "add": "Add", "amend": "Amend"}


@dataclass(frozen=True)
class Symbol:
    base: str
    suffixes: tuple[tuple[str, int], ...] = ()

    def __str__(self) -> str:
        return self.base + "".join(f"/{kind}.{n}" for kind, n in self.suffixes)

    @property
    def parent(self) -> "Symbol | None":
        """Return the symbol this one revises or corrects, or None for an original."""
        if not self.suffixes:
            return None
        return Symbol(self.base, self.suffixes[:-1])

    @property
    def revision_kind(self) -> str | None:
        return self.suffixes[-1][0] if self.suffixes else None


def parse_symbol(text: str) -> Symbol:
    """Split a symbol into its base and its revision, corrigendum and addendum suffixes."""
    rest = " ".join(text.split())
    suffixes: list[tuple[str, int]] = []
    while match := _SUFFIX.search(rest):
        suffixes.insert(0, (_CANONICAL[match.group(1).lower()], int(match.group(2))))
        rest = rest[: match.start()]
    return Symbol(rest, tuple(suffixes))
