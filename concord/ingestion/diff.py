"""What changed between two versions of an instrument, provision by provision.

Trees are compared in the JSON form of a proposal (``ref``, ``number``, ``kind``, ``verb``,
``text``, ``bracketed``, ``placeholder``, ``children``); spans are not compared, since any edit
above a provision moves them.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from concord.ingestion.structure import ProposedInstrument
from concord.registry.models import Instrument

# The fields of a provision that ``provision_diff`` compares (spans move with any edit above).
COMPARED = ("number", "kind", "verb", "text", "bracketed", "placeholder", "parent")


@dataclass(frozen=True)
class ProvisionDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, list[str]]:
        return {"added": self.added, "removed": self.removed, "changed": self.changed}


def _flat(tree: Iterable[dict[str, Any]], parent: str | None = None) -> Iterator[dict[str, Any]]:
    for node in tree:
        yield {**node, "parent": parent}
        yield from _flat(node.get("children", ()), node["ref"])


def provision_diff(old_tree: list[dict[str, Any]], new_tree: list[dict[str, Any]]) -> ProvisionDiff:
    """Say which refs ``new_tree`` adds, removes and changes, in document order.

    Both trees are in the JSON form of a proposal (``ref``, ``number``, ``kind``, ``verb``,
    ``text``, ``bracketed``, ``placeholder``, ``children``); spans are not compared.
    """
    old = {node["ref"]: node for node in _flat(old_tree)}
    new = {node["ref"]: node for node in _flat(new_tree)}
    return ProvisionDiff(
        added=[ref for ref in new if ref not in old],
        removed=[ref for ref in old if ref not in new],
        changed=[
            ref
            for ref in new
            if ref in old and any(old[ref].get(f) != new[ref].get(f) for f in COMPARED)
        ],
    )


def _without_spans(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if k not in ("span", "pieces")}
    if isinstance(value, list):
        return [_without_spans(item) for item in value]
    return value


def fingerprint(proposed: ProposedInstrument) -> str:
    """Return a digest of what a proposal says, without spans (they move with edits above it)."""
    canonical = json.dumps(_without_spans(proposed.to_json()), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def stored_tree(instrument: Instrument) -> list[dict[str, Any]]:
    """Return an instrument's provisions in the JSON form ``provision_diff`` compares."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for provision in instrument.provisions.order_by("seq"):
        node = {
            "ref": provision.ref,
            "number": provision.number or None,
            "kind": provision.kind,
            "verb": provision.verb or None,
            "text": provision.heading or provision.text,
            "bracketed": provision.is_bracketed,
            "placeholder": provision.has_placeholder,
            "children": [],
        }
        nodes[provision.pk] = node
        siblings = nodes[provision.parent_id]["children"] if provision.parent_id else roots
        siblings.append(node)
    return roots
