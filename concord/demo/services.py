"""Load the demo: the facts of each seed document, one transaction per seed."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from django.db import transaction
from django.utils.translation import gettext as _

from concord.demo.facts import adb_oecd, asean, fao, icc, osce
from concord.demo.records import CREATED, UNCHANGED, UPDATED, DemoWriter, Tally
from concord.demo.seeds import SeedError, SeedText, seeds_dir

SEED_MODULES: list[ModuleType] = [adb_oecd, asean, icc, fao, osce]

LOADED, MISSING, FAILED = "loaded", "missing", "failed"


@dataclass
class SeedOutcome:
    seed: str
    title: str
    status: str
    tally: Tally = field(default_factory=Tally)
    message: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    directory: Path
    outcomes: list[SeedOutcome] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    problem: str = ""

    @property
    def failed(self) -> list[SeedOutcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    @property
    def missing(self) -> list[SeedOutcome]:
        return [o for o in self.outcomes if o.status == MISSING]


def demo_load(
    *,
    directory: Path | None = None,
    progress: Callable[[str], None] | None = None,
    modules: list[ModuleType] | None = None,
) -> LoadReport:
    """Load every seed found in ``directory`` (settings.SEEDS_DIR by default).

    Each seed loads in its own transaction: a seed that is missing or no longer says what the
    demo cites is reported and leaves nothing behind, and the others load all the same.
    """
    directory = Path(directory or seeds_dir())
    report = LoadReport(directory)
    say = progress or (lambda _message: None)
    if not directory.is_dir():
        report.problem = _(
            "The seed documents folder %(dir)s does not exist, so no demo data was loaded. "
            "Set CONCORD_SEEDS_DIR (the SEEDS_DIR setting) to the folder that holds the seed "
            "documents."
        ) % {"dir": directory}
        return report
    for module in modules or SEED_MODULES:
        outcome = _load_seed(directory, module)
        report.outcomes.append(outcome)
        if outcome.status == LOADED:
            report.tally.merge(outcome.tally)
            say(
                _(
                    "%(seed)s (%(title)s): %(created)d created, %(updated)d updated, "
                    "%(unchanged)d unchanged"
                )
                % {
                    "seed": outcome.seed,
                    "title": outcome.title,
                    "created": outcome.tally.total(CREATED),
                    "updated": outcome.tally.total(UPDATED),
                    "unchanged": outcome.tally.total(UNCHANGED),
                }
            )
            for warning in outcome.warnings:
                say(_("  note: %(warning)s") % {"warning": warning})
        else:
            say(
                _("%(seed)s: not loaded. %(message)s")
                % {"seed": outcome.seed, "message": outcome.message}
            )
    return report


def _load_seed(directory: Path, module: ModuleType) -> SeedOutcome:
    outcome = SeedOutcome(module.SEED, module.TITLE, LOADED)
    try:
        seed = SeedText(directory / module.SEED)
    except SeedError as exc:
        outcome.status, outcome.message = MISSING, str(exc)
        return outcome
    writer = DemoWriter(seed, outcome.tally)
    try:
        with transaction.atomic():
            module.load(writer)
            writer.publish()
    except SeedError as exc:
        outcome.status, outcome.message, outcome.tally = FAILED, str(exc), Tally()
        return outcome
    outcome.warnings = writer.warnings
    return outcome
