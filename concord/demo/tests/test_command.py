from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from concord.registry.models import Instrument, Party

pytestmark = pytest.mark.django_db


def test_demo_load_prints_progress_per_seed_and_a_summary_per_model():
    out = StringIO()
    call_command("demo", "load", stdout=out)
    text = out.getvalue()
    for seed in ("000_", "001_", "002_", "003_", "004_"):
        assert seed in text
    assert "C.5.2-2" in text
    assert "parties" in text and "created" in text and "unchanged" in text
    assert Instrument.objects.filter(symbol="PC.DEC/1108").exists()

    again = StringIO()
    call_command("demo", "load", stdout=again)
    assert " 0 created, 0 updated" in again.getvalue()


def test_demo_load_without_the_seeds_says_where_it_looked(tmp_path):
    err = StringIO()
    call_command("demo", "load", "--seeds-dir", str(tmp_path / "absent"), stderr=err)
    assert str(tmp_path / "absent") in err.getvalue()
    assert "CONCORD_SEEDS_DIR" in err.getvalue()
    assert not Instrument.objects.exists()


def test_demo_scale_passes_the_sizes_to_the_generator():
    out = StringIO()
    call_command(
        "demo",
        "scale",
        "--parties",
        "3",
        "--instruments",
        "4",
        "--provisions",
        "20",
        "--participations",
        "5",
        stdout=out,
    )
    assert Party.objects.count() >= 3
    assert Instrument.objects.count() == 4


def test_demo_scale_refuses_a_number_that_is_not_one():
    with pytest.raises(CommandError):
        call_command("demo", "scale", "--parties", "many")


def test_demo_needs_a_subcommand():
    with pytest.raises(CommandError):
        call_command("demo")
