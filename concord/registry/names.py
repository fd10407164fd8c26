"""The normalized form of a party's name, so that "Hong Kong, China" and "hong kong china" meet.

Pure and without database access: ``PartyAlias.normalized`` holds it, and whatever resolves a
name to a party (the demo loader, ingestion, imports) compares with it.
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def normalize_name(name: str) -> str:
    """Casefold, strip accents, and collapse punctuation and spaces to single spaces.

    "Côte d'Ivoire" -> "cote d ivoire"; "Korea (Republic of)" -> "korea republic of";
    a typographic apostrophe separates words just as a straight one does.
    """
    # Decompose before and after casefolding: each can produce what the other changes.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare).strip()
