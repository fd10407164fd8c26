"""Lifecycles declared once as allowed transitions between ``TextChoices`` states."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StateGraph:
    """The transitions a lifecycle allows; anything else is refused with a clear message."""

    def __init__(self, states: type, transitions: Mapping[str, Iterable[str]]) -> None:
        self.states = states
        self.transitions = {src: frozenset(dst) for src, dst in transitions.items()}
        unknown = {s for pair in self.transitions.items() for s in (pair[0], *pair[1])} - set(
            states.values
        )
        if unknown:
            raise ValueError(f"Transitions name unknown states: {sorted(unknown)}")

    def allowed(self, source: str) -> frozenset[str]:
        return self.transitions.get(source, frozenset())

    def check(self, source: str, target: str) -> None:
        """Raise ValidationError unless the lifecycle allows ``source`` -> ``target``."""
        if target not in self.allowed(source):
            choices = ", ".join(str(self.states(s).label) for s in sorted(self.allowed(source)))
            raise ValidationError(
                _("Cannot go from “%(source)s” to “%(target)s”; allowed: %(choices)s.")
                % {
                    "source": self.states(source).label,
                    "target": self.states(target).label,
                    "choices": choices or _("none"),
                },
                code="illegal_transition",
            )
