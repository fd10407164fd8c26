"""The resources example on the real seeds: FAO's modalities, the partners seed 003 names (without
amounts), illustrative contributions marked as such, X1.4 computed, the 55 percent share."""

from decimal import Decimal
from io import StringIO

import pytest
from django.test import Client

from concord.accounts.demo import create_demo_accounts
from concord.demo import resources as example_module
from concord.demo.indicators import load_indicator_example
from concord.demo.resources import load_resources_example
from concord.demo.seeds import seeds_dir
from concord.indicators.models import Value
from concord.resources.models import Contribution, FundingModality

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(demo, settings):
    settings.DEBUG = True
    create_demo_accounts(stdout=StringIO())
    assert load_indicator_example(StringIO())
    out = StringIO()
    assert load_resources_example(out)
    return out.getvalue()


def test_the_six_modalities_of_paragraph_4_and_the_airc_window(example):
    assert "7 funding modalities and 4 partners" in example
    modalities = {m.code: m for m in FundingModality.objects.filter(organization__code="fao")}
    assert sorted(modalities) == ["airc", "fmm", "gcp", "mdtf", "sfera", "unjp", "utf"]
    assert modalities["airc"].parent == modalities["sfera"]
    assert modalities["fmm"].earmarking == "lightly" and not modalities["fmm"].description
    assert "assumption" in modalities["gcp"].description
    assert modalities["utf"].source.endswith("paragraph 4, line 55")


def test_the_partners_the_seed_names_give_no_amount(example):
    seeded = Contribution.objects.filter(illustrative=False).select_related("partner__party")
    assert sorted((c.partner.party.code, c.status, c.amount) for c in seeded) == [
        ("BEL", "approved", None),
        ("NLD", "signed", None),
        ("SWE", "signed", None),
    ]
    assert all(c.source.endswith("line 167") and c.published for c in seeded)
    assert not seeded.filter(allocations__isnull=False).exists()


def test_illustrative_figures_are_a_fictional_partners_and_say_so(example):
    illustrative = Contribution.objects.filter(illustrative=True)
    assert {c.partner.party.code for c in illustrative} == {"illustrative-partner"}
    assert illustrative.count() == 3 and all(c.amount for c in illustrative)
    html = Client().get("/resources/partners/illustrative-partner").content.decode()
    assert "Some amounts on this page are illustrative" in html
    dutch = Client().get("/resources/partners/NLD").content.decode()
    assert "not given by the source" in dutch and "illustrative" not in dutch


def test_x1_4_is_computed_from_the_contributions_and_flagged(example):
    x14 = Value.objects.get(indicator__code="fao-x1-4")
    # USD 1,200,000 + EUR 800,000 at the illustrative 1.30 + USD 300,000, approved in 2012.
    assert (x14.period.code, x14.number) == ("2012-2013", Decimal("2540000"))
    assert x14.body.code == "fao" and "illustrative" in x14.flag
    # The seed's three agreements date from 2011: outside the biennium.
    assert x14.note.startswith("3 contributions first approved in 2012-2013, in USD.")
    assert "1 EUR = 1.3 USD" in x14.note


def test_the_voluntary_share_of_the_2010_11_budget(example):
    share = Value.objects.get(indicator__code=example_module.VOLUNTARY_SHARE)
    assert (share.period.code, share.number) == ("2010-2011", Decimal(55))
    assert share.source.endswith("paragraph 6, line 61")


def test_a_second_load_leaves_it_as_it_is(example):
    out = StringIO()
    assert not load_resources_example(out)
    assert "already there" in out.getvalue()


def test_a_seed_that_no_longer_says_it_leaves_nothing(demo, settings, tmp_path):
    settings.DEBUG = True
    create_demo_accounts(stdout=StringIO())
    name = example_module.fao.SEED
    text = (seeds_dir() / name).read_text(encoding="utf-8")
    (tmp_path / name).write_text(
        text.replace("Belgium engaged", "Belgium joined"), encoding="utf-8"
    )
    out = StringIO()
    assert not load_resources_example(out, directory=tmp_path)
    assert "Belgium engaged" in out.getvalue()
    assert not FundingModality.objects.exists() and not Contribution.objects.exists()


def test_the_annexs_highlights_are_progress_notes_on_their_outputs(example):
    from concord.resources.models import ProgressNote

    assert "26 progress notes" in example
    notes = ProgressNote.objects.select_related("node")
    assert {note.node.code for note in notes} >= {"A1", "A3", "C3", "D3"}
    a3 = sorted(note.source for note in notes if note.node.code == "A3")
    assert a3 and all(source.endswith("line 167") for source in a3)
    html = Client().get(f"/resources/funding/{notes[0].node.framework_id}").content.decode()
    assert "Progress to date" in html and "line 167" in html
