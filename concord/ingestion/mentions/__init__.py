"""Mentions: what a document names, with the exact span it names it at.

``find_mentions(text)`` runs every finder (one module per type), keeps the longest of
overlapping mentions of the same type, keeps nested mentions of different types (the symbol
inside a legal reference, the date inside a period's money) and returns them in text order.
"""

from collections.abc import Callable

from concord.ingestion.mentions.base import Mention, MentionType, longest_first
from concord.ingestion.mentions.dates import find_dates
from concord.ingestion.mentions.legal import find_legal_references
from concord.ingestion.mentions.money import find_money
from concord.ingestion.mentions.organizations import find_organizations
from concord.ingestion.mentions.parties import find_parties
from concord.ingestion.mentions.quantities import find_quantities
from concord.ingestion.mentions.symbols import find_symbols

FINDERS: tuple[Callable[[str], list[Mention]], ...] = (
    find_parties,
    find_organizations,
    find_symbols,
    find_dates,
    find_money,
    find_quantities,
    find_legal_references,
)


def find_mentions(text: str) -> list[Mention]:
    """Return every mention in ``text``, sorted by span."""
    mentions: list[Mention] = []
    for finder in FINDERS:
        mentions += longest_first(finder(text))
    return sorted(mentions, key=lambda m: (m.start, -m.end, m.type))


__all__ = ["FINDERS", "Mention", "MentionType", "find_mentions"]
