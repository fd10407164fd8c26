"""Parties and bodies of the registry by the names a document gives them."""

from collections.abc import Iterable
from typing import Any

from concord.registry.models import Body, Party, PartyAlias
from concord.registry.names import normalize_name


def _name_variants(label: str) -> list[str]:
    """The normalized label, and the same without a leading article or "all"."""
    words = normalize_name(label).split()
    variants = [" ".join(words)]
    while words and words[0] in ("the", "all"):
        words = words[1:]
        variants.append(" ".join(words))
    return [v for v in variants if v]


def _normalized_index(rows: Iterable[tuple[Any, ...]]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for obj, *names in rows:
        for name in names:
            if name:
                index.setdefault(normalize_name(name), obj)
    return index


class Resolver:
    """Parties and bodies by normalized name, loaded once per file."""

    def __init__(self) -> None:
        parties = list(Party.objects.all())
        self.parties = _normalized_index((p, p.name, p.official_name) for p in parties)
        by_id = {p.pk: p for p in parties}
        for alias in PartyAlias.objects.all():
            self.parties.setdefault(alias.normalized, by_id.get(alias.party_id))
        self.parties.update({p.code.lower(): p for p in parties if len(p.code) == 3})
        self.bodies = _normalized_index((b, b.name, b.acronym) for b in Body.objects.all())

    def party(self, label: str | None) -> Party | None:
        return next(
            (self.parties[v] for v in _name_variants(label or "") if v in self.parties), None
        )

    def body(self, label: str | None) -> Body | None:
        """The body of that name or acronym; else, for a one-word label ("the Court"), the only
        body whose name begins or ends with that word."""
        variants = _name_variants(label or "")
        found = next((self.bodies[v] for v in variants if v in self.bodies), None)
        if found is not None or not variants or " " in variants[-1]:
            return found
        word = variants[-1]
        candidates = {
            body.pk: body
            for name, body in self.bodies.items()
            if name.startswith(f"{word} ") or name.endswith(f" {word}")
        }
        return next(iter(candidates.values())) if len(candidates) == 1 else None
