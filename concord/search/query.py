"""Turn what a person types into a query no search engine can refuse.

People paste document symbols (``ICC-ASP/10/Res.2``), quotes that do not close, parentheses and
words that FTS5 reads as operators (``AND``, ``NEAR(``). Nothing here touches a database.
"""

import re
import unicodedata

# A closed quoted phrase, or a run of characters up to the next space or quote; a quote that
# never closes is ignored.
_PIECE = re.compile(r'"([^"]*)"|([^\s"]+)')

# A prefix search on a shorter word would expand to most of the vocabulary.
PREFIX_MIN_LENGTH = 3

MAX_QUERY_LENGTH = 500


def clean(text: str) -> str:
    """Drop control characters (NUL included), collapse spaces and cut overlong input."""
    kept = "".join(" " if unicodedata.category(char).startswith("C") else char for char in text)
    return " ".join(kept.split())[:MAX_QUERY_LENGTH]


def _has_word(piece: str) -> bool:
    return any(char.isalnum() for char in piece)


def phrases(text: str) -> list[str]:
    """Split a person's query into phrases: quoted runs kept together, other words one by one.

    Pieces without a letter or digit (``"``, ``(``, ``*``, ``-``) are dropped: they carry no word
    to look for.
    """
    found = []
    for match in _PIECE.finditer(clean(text)):
        quoted, bare = match.groups()
        piece = " ".join((quoted if quoted is not None else bare).split())
        if piece and _has_word(piece):
            found.append(piece)
    return found


def fts5_match(text: str) -> str | None:
    """Return an FTS5 MATCH expression that finds every phrase, or None if there is nothing to find.

    Each phrase is an FTS5 string (double quotes doubled), so nothing in it is an operator; the
    tokenizer then splits ``ICC-ASP/10/Res.2`` into the phrase ``icc asp 10 res 2``, exactly as it
    split the indexed symbol. A word typed with a trailing ``*`` (``corrupt*``) is searched as a
    prefix; other words are not, as expanding every last word costs more than stemming gains.
    """
    found = phrases(text)
    if not found:
        return None
    quoted = []
    for piece in found:
        stem = piece.rstrip("*")
        string = '"' + stem.replace('"', '""') + '"'
        if piece != stem and len(stem) >= PREFIX_MIN_LENGTH and stem.isalnum():
            string += "*"
        quoted.append(string)
    return " ".join(quoted)


def websearch_text(text: str) -> str | None:
    """Return the text to pass to PostgreSQL's ``websearch_to_tsquery``, which never fails on it."""
    cleaned = clean(text)
    return cleaned if _has_word(cleaned) else None
