import pytest
from django.db import connection

from concord.registry.models import Instrument, Party, Provision
from concord.registry.tests import factories
from concord.search import engine

pytestmark = pytest.mark.django_db

HOSTILE = ['"', "AND OR", "ICC-ASP/10/Res.2", "(", "*", "NEAR(", "a OR", "-", "'", "title:x", "^"]


def ids(results, kind):
    return [hit.id for hit in results.groups[kind]]


def test_a_provision_with_freeze_is_found_by_freezing():
    provision = factories.ProvisionFactory(text="Requests States to freeze the assets of accused.")
    factories.ProvisionFactory(text="Encourages cooperation with the Registry.")
    results = engine.search("freezing")
    assert ids(results, "provision") == [provision.pk]
    hit = results.groups["provision"][0]
    assert hit.instrument_id == provision.instrument_id
    assert hit.ref == provision.ref
    assert hit.title == f"{provision.ref}, {provision.instrument.title}"
    assert "freeze" in hit.snippet


def test_snippet_is_plain_text_without_highlight_marks():
    factories.ProvisionFactory(text="Urges States to freeze assets & proceeds.")
    (hit,) = engine.search("freeze").groups["provision"]
    assert "freeze assets" in hit.snippet
    assert "<" not in hit.snippet
    assert "&amp;" not in hit.snippet


def test_exact_title_ranks_first():
    for n in range(3):
        factories.InstrumentFactory(title=f"Cooperation with the Court, cooperation report {n}")
    exact = factories.InstrumentFactory(title="Cooperation")
    results = engine.search("cooperation")
    assert ids(results, "instrument")[0] == exact.pk
    assert results.groups["instrument"][0].rank > results.groups["instrument"][1].rank


def test_exact_symbol_ranks_first():
    factories.InstrumentFactory(title="Cooperation", symbol="ICC-ASP/10/Res.3")
    wanted = factories.InstrumentFactory(title="On cooperation", symbol="ICC-ASP/10/Res.2")
    assert ids(engine.search("ICC-ASP/10/Res.2"), "instrument")[0] == wanted.pk


def test_unpublished_instruments_and_their_provisions_are_not_found():
    draft = factories.InstrumentFactory(title="Confidential freezing plan", publication="in_review")
    factories.ProvisionFactory(instrument=draft, text="Freeze everything confidential.")
    results = engine.search("confidential")
    assert results.groups["instrument"] == []
    assert results.groups["provision"] == []
    assert results.counts == {"instrument": 0, "provision": 0, "party": 0}


def test_unpublished_are_found_when_asked():
    draft = factories.InstrumentFactory(title="Confidential freezing plan", publication="in_review")
    provision = factories.ProvisionFactory(instrument=draft, text="Freeze everything.")
    results = engine.search("confidential freez", include_unpublished=True)
    assert ids(results, "instrument") == [draft.pk]
    assert ids(engine.search("freeze", include_unpublished=True), "provision") == [provision.pk]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_raise(text):
    factories.InstrumentFactory(title="On cooperation", symbol="ICC-ASP/10/Res.2")
    factories.ProvisionFactory(text="Calls upon States Parties (and others) to act: NEAR and far.")
    factories.PartyFactory(name="Near Republic")
    results = engine.search(text)
    assert set(results.groups) <= set(engine.KINDS)
    for kind in engine.KINDS:
        qs = engine.filter_queryset(_queryset(kind), kind=kind, query=text)
        list(qs)


def _queryset(kind):
    return {
        "instrument": Instrument.objects.all(),
        "provision": Provision.objects.all(),
        "party": Party.objects.all(),
    }[kind]


def test_symbol_query_finds_its_instrument():
    wanted = factories.InstrumentFactory(symbol="ICC-ASP/10/Res.2")
    factories.InstrumentFactory(symbol="PC.DEC/1107/Corr.1")
    assert ids(engine.search("ICC-ASP/10/Res.2"), "instrument") == [wanted.pk]


def test_empty_or_wordless_query_finds_nothing():
    factories.ProvisionFactory()
    for text in ["", "   ", '"', "*"]:
        results = engine.search(text)
        assert all(not hits for hits in results.groups.values())


def test_index_follows_updates_and_deletes():
    provision = factories.ProvisionFactory(text="States shall freeze assets.")
    assert ids(engine.search("freeze"), "provision") == [provision.pk]

    provision.text = "States shall trace proceeds."
    provision.save()
    assert ids(engine.search("freeze"), "provision") == []
    assert ids(engine.search("proceeds"), "provision") == [provision.pk]

    Provision.objects.filter(pk=provision.pk).update(heading="Seizure")
    assert ids(engine.search("seizure"), "provision") == [provision.pk]

    provision.delete()
    assert ids(engine.search("proceeds"), "provision") == []


def test_instrument_index_follows_updates_and_deletes():
    instrument = factories.InstrumentFactory(title="Plan on asset recovery")
    Instrument.objects.filter(pk=instrument.pk).update(title="Plan on witness relocation")
    assert ids(engine.search("recovery"), "instrument") == []
    assert ids(engine.search("relocation"), "instrument") == [instrument.pk]
    instrument.delete()
    assert ids(engine.search("relocation"), "instrument") == []


def test_publishing_an_instrument_makes_it_findable():
    instrument = factories.InstrumentFactory(
        title="Plan on asset recovery", publication="in_review"
    )
    assert ids(engine.search("recovery"), "instrument") == []
    Instrument.objects.filter(pk=instrument.pk).update(publication="published")
    assert ids(engine.search("recovery"), "instrument") == [instrument.pk]


def test_parties_are_found_by_name_alias_and_code():
    viet_nam = factories.PartyFactory(code="VNM", name="Viet Nam", official_name="Socialist Rep")
    factories.PartyFactory(code="LAO", name="Lao People's Democratic Republic")
    viet_nam.aliases.create(name="Vietnam", normalized="vietnam")
    assert ids(engine.search("viet nam"), "party") == [viet_nam.pk]
    assert ids(engine.search("vietnam"), "party") == [viet_nam.pk]
    assert ids(engine.search("VNM"), "party") == [viet_nam.pk]
    hit = engine.search("vietnam").groups["party"][0]
    assert hit.party_code == "VNM"
    assert hit.title == "Viet Nam"


def test_alias_index_follows_deletes():
    party = factories.PartyFactory(code="LAO", name="Lao People's Democratic Republic")
    alias = party.aliases.create(name="Lao PDR", normalized="lao pdr")
    assert ids(engine.search("PDR"), "party") == [party.pk]
    alias.delete()
    assert ids(engine.search("PDR"), "party") == []


def test_counts_above_the_cap_are_capped_and_marked_inexact():
    instrument = factories.InstrumentFactory()
    for n in range(7):
        factories.ProvisionFactory(instrument=instrument, text=f"Freeze assets, case {n}.")
    results = engine.search("freeze", limit=2, count_cap=5)
    assert len(results.groups["provision"]) == 2
    assert results.counts["provision"] == 5
    assert results.counts_exact["provision"] is False

    results = engine.search("freeze", limit=2, count_cap=2)
    assert results.counts["provision"] == 2
    assert results.counts_exact["provision"] is False

    results = engine.search("freeze", limit=2, count_cap=7)
    assert results.counts["provision"] == 7
    assert results.counts_exact["provision"] is True


def test_count_excludes_provisions_of_unpublished_instruments():
    draft = factories.InstrumentFactory(publication="in_review")
    published = factories.InstrumentFactory()
    for n in range(3):
        factories.ProvisionFactory(instrument=draft, text=f"Freeze assets {n}.")
        factories.ProvisionFactory(instrument=published, text=f"Freeze assets {n}.")
    results = engine.search("freeze", limit=1)
    assert results.counts["provision"] == 3
    assert results.counts_exact["provision"] is True


def test_provision_ranking_prefers_heading_and_denser_matches():
    instrument = factories.InstrumentFactory()
    weak = factories.ProvisionFactory(
        instrument=instrument,
        text="Welcomes the report and notes with appreciation the work done on many subjects, "
        "among them asset recovery, over the year.",
    )
    strong = factories.ProvisionFactory(
        instrument=instrument, heading="Asset recovery", text="Asset recovery comes first."
    )
    assert ids(engine.search("asset recovery"), "provision") == [strong.pk, weak.pk]


def test_limit_bounds_each_group():
    instrument = factories.InstrumentFactory()
    for n in range(5):
        factories.ProvisionFactory(instrument=instrument, text=f"Freeze assets {n}.")
    results = engine.search("freeze", limit=3)
    assert len(results.groups["provision"]) == 3
    assert results.counts["provision"] == 5


def test_kinds_restricts_the_groups():
    results = engine.search("anything", kinds=["party"])
    assert list(results.groups) == ["party"]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown kind"):
        engine.search("x", kinds=["statement"])
    with pytest.raises(ValueError, match="Unknown kind"):
        engine.filter_queryset(Party.objects.all(), kind="statement", query="x")


def test_filter_queryset_orders_instruments_best_first():
    other = factories.InstrumentFactory(title="Report on cooperation and cooperation")
    exact = factories.InstrumentFactory(title="Cooperation")
    factories.InstrumentFactory(title="Report on relocation")
    qs = engine.filter_queryset(Instrument.objects.all(), kind="instrument", query="cooperation")
    assert list(qs.values_list("pk", flat=True)) == [exact.pk, other.pk]


def test_filter_queryset_works_inside_a_subquery():
    instrument = factories.InstrumentFactory(title="Plan on asset recovery")
    provision = factories.ProvisionFactory(instrument=instrument)
    factories.ProvisionFactory()
    matching = engine.filter_queryset(Instrument.objects.all(), kind="instrument", query="plan")
    found = Provision.objects.filter(instrument__in=matching.values("pk"))
    assert list(found) == [provision]


def test_filter_queryset_finds_parties_by_alias():
    party = factories.PartyFactory(code="KOR", name="Republic of Korea")
    party.aliases.create(name="Korea (Republic of)", normalized="korea republic of")
    factories.PartyFactory(code="PRK", name="Democratic People's Republic")
    qs = engine.filter_queryset(Party.objects.all(), kind="party", query="Korea (Republic of)")
    assert list(qs) == [party]


def test_filter_queryset_with_no_words_matches_nothing():
    factories.InstrumentFactory()
    assert not engine.filter_queryset(Instrument.objects.all(), kind="instrument", query="(")


def test_search_index_exists_for_this_engine():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor, include_views=True)
    if connection.vendor == "sqlite":
        assert "search_provision_fts" in tables
    else:
        columns = [
            c.name
            for c in connection.introspection.get_table_description(
                connection.cursor(), "registry_provision"
            )
        ]
        assert "search_vector" in columns
