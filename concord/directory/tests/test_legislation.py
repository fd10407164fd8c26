"""Legislation: who records it, what is refused, the filters, and the search."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.directory import legislation
from concord.directory.models import Legislation, LegislationKind
from concord.directory.tests.contacts_fixtures import *  # noqa: F403
from concord.directory.tests.contacts_fixtures import law_content, make_law


def refs(law: Legislation) -> list[str]:
    return [p.ref for p in law.provisions.order_by("seq")]


def test_a_focal_point_records_a_law_with_its_history_user(focal_point, french_law):
    assert refs(french_law) == ["1", "3"]
    assert french_law.history.get().history_user == focal_point


@pytest.mark.parametrize("persona", ["secretariat", "body_secretariat"])
def test_a_secretariat_records_a_law_of_any_party(persona, request, party_b):
    law = make_law(request.getfixturevalue(persona), party_b)
    assert law.party == party_b


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "partner", "anonymous"])
def test_others_cannot_record_a_law_of_france(persona, request, party_a):
    with pytest.raises(PermissionDenied):
        make_law(request.getfixturevalue(persona), party_a)
    assert not Legislation.objects.exists()


def test_another_partys_focal_point_cannot_change_a_law(other_focal_point, french_law):
    with pytest.raises(PermissionDenied):
        legislation.legislation_update(
            legislation=french_law, user=other_focal_point, content=law_content(title="X")
        )
    french_law.refresh_from_db()
    assert french_law.title == "Law on the confiscation of criminal assets"


def test_a_focal_point_changes_its_law_and_what_it_implements(
    focal_point, french_law, small_instrument
):
    changed = legislation.legislation_update(
        legislation=french_law,
        user=focal_point,
        content=law_content(
            repealed_on=dt.date(2020, 1, 1),
            provisions=list(small_instrument.provisions.filter(ref="2")),
        ),
    )
    assert refs(changed) == ["2"]
    assert changed.history.first().history_user == focal_point


def test_provisions_of_a_draft_instrument_are_refused(focal_point, party_a, draft_instrument):
    with pytest.raises(ValidationError) as refused:
        make_law(focal_point, party_a, provisions=list(draft_instrument.provisions.all()))
    assert "provisions" in refused.value.message_dict
    assert not Legislation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"title": ""}, "title"),
        ({"kind": "treaty"}, "kind"),
        ({"url": "not a link"}, "url"),
        ({"adopted_on": dt.date(2020, 1, 1), "repealed_on": dt.date(2019, 1, 1)}, "repealed_on"),
    ],
)
def test_bad_input_is_refused_naming_the_field(focal_point, party_a, changes, field):
    with pytest.raises(ValidationError) as refused:
        make_law(focal_point, party_a, **changes)
    assert field in refused.value.message_dict
    assert not Legislation.objects.exists()


def test_provisions_are_named_by_instrument_and_reference(small_instrument, draft_instrument):
    assert [p.ref for p in legislation.provisions_named(small_instrument.pk, ["2"])] == ["2"]
    with pytest.raises(ValidationError) as unknown:
        legislation.provisions_named(small_instrument.pk, ["2", "99"])
    assert "99" in unknown.value.message_dict["provisions"][0]
    with pytest.raises(ValidationError):
        legislation.provisions_named(draft_instrument.pk, ["1"])


def test_the_filters_find_laws_by_party_provision_kind_and_date(
    focal_point, other_focal_point, party_b, french_law, small_instrument
):
    decree = make_law(
        other_focal_point,
        party_b,
        title="Decree on the asset recovery office",
        kind=LegislationKind.DECREE,
        in_force_on=dt.date(2030, 1, 1),
        provisions=list(small_instrument.provisions.filter(ref="3")),
    )
    article_1 = small_instrument.provisions.get(ref="1")
    assert list(legislation.legislation_search(party="UKR")) == [decree]
    assert list(legislation.legislation_search(provision=article_1.pk)) == [french_law]
    by_ref = legislation.legislation_search(instrument=small_instrument.pk, ref="3")
    assert set(by_ref) == {french_law, decree}
    assert list(legislation.legislation_search(kind=LegislationKind.DECREE)) == [decree]
    assert list(legislation.legislation_search(in_force_on=dt.date(2026, 1, 1))) == [french_law]


def test_search_finds_a_law_by_a_word_of_its_summary(focal_point, party_a, french_law):
    make_law(focal_point, party_a, title="Code of criminal procedure", summary="Witnesses.")
    assert list(legislation.legislation_search(q="agency")) == [french_law]
    assert list(legislation.legislation_search(q="confiscation agency")) == [french_law]
    assert list(legislation.legislation_search(q="ministry")) == []
    assert list(legislation.legislation_search(q='"')) == []


def test_search_reads_stems_and_phrases_best_first(focal_point, party_a, french_law):
    procedure = make_law(
        focal_point,
        party_a,
        title="Code of criminal procedure",
        summary="Lets a judge confiscate the instruments of a crime.",
    )
    assert list(legislation.legislation_search(q="confiscating")) == [french_law, procedure]
    assert list(legislation.legislation_search(q='"criminal procedure"')) == [procedure]
    assert list(legislation.legislation_search(q='"procedure criminal"')) == []


def test_search_combines_with_the_other_filters(
    focal_point, other_focal_point, party_b, french_law
):
    decree = make_law(other_focal_point, party_b, kind=LegislationKind.DECREE)
    assert set(legislation.legislation_search(q="agency")) == {french_law, decree}
    assert list(legislation.legislation_search(q="agency", party="UKR")) == [decree]
    assert list(legislation.legislation_search(q="agency", kind="act")) == [french_law]


def test_search_follows_a_changed_title_and_a_deleted_law(focal_point, french_law):
    legislation.legislation_update(
        legislation=french_law,
        user=focal_point,
        content=law_content(title="Law on witness protection", summary="Relocates witnesses."),
    )
    assert list(legislation.legislation_search(q="confiscation")) == []
    assert list(legislation.legislation_search(q="witness")) == [french_law]
    Legislation.objects.filter(pk=french_law.pk).delete()
    assert list(legislation.legislation_search(q="witness")) == []


def test_search_without_a_word_or_with_nul_finds_nothing_and_never_raises(french_law):
    for text in ["", " ", '"', "\x00", "*", "(", "-"]:
        assert list(legislation.legislation_search(q=text)) == []
    assert list(legislation.legislation_search(q="confiscation\x00agency")) == [french_law]
