"""The results framework a document prints: one node per goal, outcome, output and activity.

A strategy may list its outcomes and outputs in its body and again in an annexed work plan
table, with its codes spelt differently (``A1.``, ``A.1)``, ``A1)``). Each printed code is
normalized (outcome ``A``, output ``A1``, activity ``A.1.1``, the goal ``goal``) so that the
same node printed in several places is one node with several occurrences. A code printed twice
for two different items under the same parent (flagged ``duplicate_number``) stays two nodes:
the second keeps the suffix of its ref (``C.5.2-2``).
"""

import re
from typing import Any

from concord.ingestion.structure.proposals import ProposedInstrument, ProposedProvision

LEVELS = ("goal", "outcome", "output", "activity")
_CODE_PARTS = re.compile(r"[A-Z]|\d+")
_SENTENCE_END = re.compile(r"(?<=[a-z)])[.;]\s+(?=[A-Z])")


def framework_code(provision: ProposedProvision) -> str | None:
    """Return the normalized results-framework code a provision prints, or None."""
    if provision.kind == "goal":
        return "goal"
    if provision.kind not in LEVELS or provision.number is None:
        return None
    parts = _CODE_PARTS.findall(provision.number)
    depth = LEVELS.index(provision.kind)
    if len(parts) != depth or not parts[0].isalpha() or not all(p.isdigit() for p in parts[1:]):
        return None
    if depth == 1:
        code = parts[0]
    elif depth == 2:
        code = "".join(parts)
    else:
        code = ".".join(parts)
    if "duplicate_number" in provision.flags and "-" in provision.ref:
        code += "-" + provision.ref.rsplit("-", 1)[1]
    return code


def _parent_code(level: str, code: str, has_goal: bool) -> str | None:
    if level == "outcome":
        return "goal" if has_goal else None
    if level == "output":
        return code[0]
    if level == "activity":
        first, second = code.split(".")[:2]
        return first + second
    return None


def _title(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0].strip().rstrip(".;:, ")


def results_framework(instruments: list[ProposedInstrument]) -> list[dict[str, Any]]:
    """Give each results-framework provision its ``framework`` and return the framework's nodes.

    Nodes come parent first, each followed by its children in the order first printed.
    """
    nodes: dict[str, dict[str, Any]] = {}
    for index, instrument in enumerate(instruments):
        for provision in instrument.walk():
            code = framework_code(provision)
            if code is None:
                continue
            provision.framework = {"level": provision.kind, "code": code}
            node = nodes.setdefault(
                code,
                {"level": provision.kind, "code": code, "parent": None,
                 "title": _title(provision.text), "occurrences": []},
            )  # fmt: skip
            node["occurrences"].append({"instrument": index, "ref": provision.ref})
    has_goal = "goal" in nodes
    children: dict[str | None, list[str]] = {}
    for code, node in nodes.items():
        parent = _parent_code(node["level"], code.split("-")[0], has_goal)
        node["parent"] = parent if parent in nodes else None
        children.setdefault(node["parent"], []).append(code)
    ordered: list[dict[str, Any]] = []

    def visit(parent: str | None) -> None:
        for code in children.get(parent, []):
            ordered.append(nodes[code])
            visit(code)

    visit(None)
    return ordered
