"""Legislation in the search index: found by stem and phrase, kept in step, ranked, safe."""

import importlib

import pytest
from django.db import connection

from concord.directory.models import Legislation, LegislationKind
from concord.registry.tests import factories
from concord.search import backends, engine

pytestmark = pytest.mark.django_db

HOSTILE = ['"', "AND OR", "NEAR(", "(", "*", "-", "'", "title:x", "^", "a OR", "\x00", "\x00\x00"]

migration = importlib.import_module("concord.search.migrations.0002_legislation")


def law(title: str, summary: str = "") -> Legislation:
    return Legislation.objects.create(
        party=factories.PartyFactory(), title=title, kind=LegislationKind.ACT, summary=summary
    )


def found(query: str) -> list[int]:
    qs = engine.filter_queryset(Legislation.objects.all(), kind="legislation", query=query)
    return list(qs.values_list("pk", flat=True))


def test_a_law_about_freeze_is_found_by_freezing():
    wanted = law("Act on criminal assets", "Lets a judge freeze property without delay.")
    law("Act on witnesses", "Protects witnesses and their families.")
    assert found("freezing") == [wanted.pk]
    assert found("FREEZES") == [wanted.pk]


def test_every_word_must_match():
    both = law("Act on asset recovery", "Creates an office for witnesses.")
    law("Act on asset management", "Creates an office.")
    assert found("asset witnesses") == [both.pk]


def test_a_quoted_phrase_finds_the_words_together():
    together = law("Asset recovery office act", "")
    apart = law("Act on the recovery of stolen assets", "Sets up an office.")
    assert found('"asset recovery"') == [together.pk]
    assert set(found("asset recovery")) == {together.pk, apart.pk}


def test_a_changed_title_is_reindexed():
    changed = law("Act on asset recovery", "Sets up an office.")
    changed.title = "Act on witness protection"
    changed.save()
    assert found("recovery") == []
    assert found("witness") == [changed.pk]

    Legislation.objects.filter(pk=changed.pk).update(summary="Names a central authority.")
    assert found("office") == []
    assert found("authority") == [changed.pk]


def test_a_deleted_law_is_no_longer_found():
    gone = law("Act on asset recovery")
    kept = law("Decree on asset recovery")
    gone.delete()
    assert found("recovery") == [kept.pk]


def test_a_title_match_ranks_above_a_summary_match():
    in_summary = law(
        "Code of criminal procedure",
        "Among other things, lets a judge freeze the property of accused persons and later "
        "release it to its owners.",
    )
    in_title = law("Act on freezing orders", "Sets out the procedure.")
    assert found("freeze") == [in_title.pk, in_summary.pk]
    ranked = engine.filter_queryset(Legislation.objects.all(), kind="legislation", query="freeze")
    assert ranked[0].search_rank > ranked[1].search_rank


def test_an_exact_title_ranks_first():
    longer = law("Asset recovery act: asset recovery act schedules", "Asset recovery act.")
    exact = law("Asset Recovery Act")
    assert found("asset recovery act") == [exact.pk, longer.pk]


def test_ties_are_broken_by_id():
    first = law("Act on asset recovery")
    second = law("Act on asset recovery")
    assert found("recovery") == [first.pk, second.pk]


@pytest.mark.parametrize("text", HOSTILE)
def test_odd_input_never_raises(text):
    law("Act on asset recovery (NEAR and far)", 'Says "AND" and OR: title:x ^ - *.')
    found(text)


@pytest.mark.parametrize("text", ["", "   ", '"', "*", "\x00", "( - )"])
def test_a_query_without_a_word_finds_nothing(text):
    law("Act on asset recovery", "Sets up an office.")
    assert found(text) == []


def test_nul_and_control_characters_separate_words():
    wanted = law("Act on asset recovery", "Sets up an office.")
    assert found("asset\x00recovery") == [wanted.pk]
    assert found("\x00asset\trecovery\x1f") == [wanted.pk]


def test_a_trailing_star_searches_a_prefix_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("prefix search is FTS5's")
    wanted = law("Act on confiscation", "")
    assert found("confis*") == [wanted.pk]
    assert found("confis") == []


def test_filtering_keeps_the_querysets_other_filters():
    french = law("Act on asset recovery")
    law("Act on asset recovery")
    qs = Legislation.objects.filter(party=french.party)
    narrowed = engine.filter_queryset(qs, kind="legislation", query="recovery")
    assert list(narrowed) == [french]


def test_legislation_has_no_group_in_search():
    with pytest.raises(ValueError, match="Unknown kind"):
        engine.search("recovery", kinds=["legislation"])


def test_the_index_refuses_a_table_it_does_not_cover():
    backend = backends.for_connection(connection)
    if backend is backends.basic:
        pytest.skip("the basic backend keeps no index")
    with pytest.raises(ValueError, match="registry_statement"):
        backend.install(print, tables=["registry_statement"])


class _Editor:
    """The part of a schema editor the search migrations use, usable inside a test's transaction
    (SQLite's own refuses to open there)."""

    def __init__(self) -> None:
        self.connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def _indexed() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return "search_legislation_fts" in connection.introspection.table_names(cursor)
        description = connection.introspection.get_table_description(
            cursor, "directory_legislation"
        )
    return "search_vector" in [column.name for column in description]


def test_the_migration_removes_the_index_and_builds_it_again():
    wanted = law("Act on freezing orders", "Sets out the procedure.")
    assert _indexed()
    connection.check_constraints()  # PostgreSQL alters no table with deferred checks pending
    migration.uninstall(None, _Editor())
    assert not _indexed()
    migration.install(None, _Editor())
    assert _indexed()
    assert found("freeze") == [wanted.pk]


def test_repair_restores_the_triggers_a_table_rebuild_dropped_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite remakes a table to change a column")
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER search_legislation_fts_{suffix}")
    missed = law("Act on freezing orders")
    assert found("freeze") == []
    assert backends.sqlite.repair(connection) == ["search_legislation_fts"]
    assert found("freeze") == [missed.pk]
