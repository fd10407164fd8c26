"""Seeds read where they lie: a missing folder or file is named, a changed seed fails alone.

These tests load into an empty database (no module-wide demo), from copies of the seeds.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from concord.demo.services import SEED_MODULES, demo_load
from concord.registry.models import Instrument, Party

pytestmark = pytest.mark.django_db


def copy_seeds(tmp_path: Path, *, leave_out: str = "") -> Path:
    for module in SEED_MODULES:
        if leave_out != module.SEED:
            shutil.copy(settings.SEEDS_DIR / module.SEED, tmp_path / module.SEED)
    return tmp_path


def test_a_missing_seeds_folder_is_named_with_the_setting_and_nothing_is_loaded(tmp_path):
    missing = tmp_path / "nowhere"
    report = demo_load(directory=missing)
    assert str(missing) in report.problem
    assert "CONCORD_SEEDS_DIR" in report.problem
    assert not report.outcomes
    assert not Instrument.objects.exists() and not Party.objects.exists()


def test_a_missing_seed_is_reported_and_the_others_load(tmp_path):
    folder = copy_seeds(tmp_path, leave_out="002_6658bc041281300c.txt")
    report = demo_load(directory=folder)
    [missing] = report.missing
    assert missing.seed == "002_6658bc041281300c.txt"
    assert str(folder / missing.seed) in missing.message
    assert "CONCORD_SEEDS_DIR" in missing.message
    assert len([o for o in report.outcomes if o.status == "loaded"]) == 4
    assert Instrument.objects.filter(symbol="PC.DEC/1108").exists()
    assert not Instrument.objects.filter(short_title="APIC").exists()


def test_a_seed_that_changed_under_a_cited_fact_fails_alone_and_leaves_nothing(tmp_path):
    folder = copy_seeds(tmp_path)
    seed = folder / "002_6658bc041281300c.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("25 September 2012", "26 September 2012"),
        encoding="utf-8",
    )
    report = demo_load(directory=folder)
    [failed] = report.failed
    assert failed.seed == seed.name
    assert "lines 183-183" in failed.message and "25 September 2012" in failed.message
    assert not Instrument.objects.filter(title="Report of the Bureau on cooperation").exists()
    assert not Party.objects.filter(code="MLI").exists()  # named only in the failed seed
    assert Instrument.objects.filter(symbol="PC.DEC/1107/Corr.1").exists()
