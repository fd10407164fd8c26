"""The Sustainable Development Goals' targets, read from the reference data
(``CONCORD_REFERENCE_DATA_DIR``/sdg, the UN Statistics Division's list of 2023), never retyped:
every SDG target a need or a priority names is checked here."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

TARGETS_FILE = "SDG_Target_Indicator_UNSD_2023.csv"


@dataclass(frozen=True)
class Target:
    code: str  # "16.5"
    title: str
    goal: int
    goal_title: str


def sdg_dir() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "sdg"


@cache
def targets() -> dict[str, Target]:
    """Every SDG target by its code ("1.1" ... "17.19"), in the list's order."""
    path = sdg_dir() / TARGETS_FILE
    if not path.is_file():
        raise ImproperlyConfigured(
            f"The SDG targets are not at {path}: set CONCORD_REFERENCE_DATA_DIR."
        )
    found: dict[str, Target] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        # One row per indicator: a target appears once per indicator it has.
        for row in csv.DictReader(handle, delimiter=";"):
            code = row["TargetsNumber"].strip()
            if code and code not in found:
                found[code] = Target(
                    code=code,
                    title=row["Targets"].strip(),
                    goal=int(row["SDGNumber"]),
                    goal_title=row["SDGTitle"].strip(),
                )
    return found


def goal_of(code: str) -> str:
    """The goal's number of a target code ("16" of "16.5")."""
    return code.split(".", 1)[0]


def check_target(code: str, field: str = "sdg_targets") -> str:
    """Return the target's code, tidied ("16.5"); else a ValidationError naming ``field``."""
    tidy = (code or "").strip().lower()
    if tidy not in targets():
        raise ValidationError(
            {
                field: _(
                    "%(code)s is not an SDG target: give one such as 16.5 (goal 16, target 5)."
                )
                % {"code": code}
            }
        )
    return tidy
