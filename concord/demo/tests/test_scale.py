import io

import pytest

from concord.demo.scale import AlreadyGenerated, generate
from concord.registry.models import Instrument, Participation, Party, Provision
from concord.registry.tests import factories
from concord.search import engine

pytestmark = pytest.mark.django_db


def small(stdout=None):
    generate(
        parties=5, instruments=20, provisions=500, participations=40, stdout=stdout or io.StringIO()
    )


def test_generate_creates_the_counts_asked_for():
    real = factories.InstrumentFactory(symbol="ICC-ASP/10/Res.2")
    out = io.StringIO()
    small(out)
    assert Party.objects.filter(code__startswith="syn-").count() == 5
    assert Instrument.objects.filter(symbol__startswith="SYN/").count() == 20
    assert Provision.objects.filter(instrument__symbol__startswith="SYN/").count() == 500
    assert Participation.objects.filter(party__code__startswith="syn-").count() == 40
    assert Instrument.objects.filter(pk=real.pk).exists()
    assert "provisions: 100.0% (500 of 500)" in out.getvalue()
    assert "rows/s" in out.getvalue()


def test_generated_provisions_form_trees_of_several_kinds_and_depths():
    small()
    provisions = Provision.objects.filter(instrument__symbol__startswith="SYN/")
    assert provisions.values("kind").distinct().count() >= 3
    assert provisions.filter(depth__gt=0, parent__isnull=True).count() == 0
    child = provisions.filter(parent__isnull=False).select_related("parent").first()
    assert child.parent.instrument_id == child.instrument_id
    assert child.parent.seq < child.seq


def test_generated_rows_are_searchable():
    small()
    results = engine.search("States", kinds=["provision"], include_unpublished=True)
    assert results.groups["provision"]


def test_new_records_get_fresh_ids_after_generating():
    small()
    provision = factories.ProvisionFactory()
    assert provision.pk > Provision.objects.exclude(pk=provision.pk).order_by("-pk")[0].pk


def test_generate_refuses_to_run_twice():
    small()
    with pytest.raises(AlreadyGenerated, match="fresh database"):
        small()
    assert Provision.objects.count() == 500
