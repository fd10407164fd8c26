"""Gaps: the binding provisions of an instrument no legislation of a party in force implements."""

import datetime as dt

from concord.directory import legislation
from concord.directory.tests.contacts_fixtures import *  # noqa: F403
from concord.directory.tests.contacts_fixtures import make_law


def gap_refs(party, instrument, **kwargs) -> list[str]:
    return [p.ref for p in legislation.gaps(party, instrument, **kwargs)]


def test_every_binding_provision_is_a_gap_without_legislation(party_a, small_instrument):
    # The section heading and the preambular paragraph bind nobody.
    assert gap_refs(party_a, small_instrument) == ["1", "2", "3", "4"]


def test_implemented_provisions_are_no_longer_gaps(party_a, party_b, french_law, small_instrument):
    assert gap_refs(party_a, small_instrument) == ["2", "4"]
    # France's law is no Ukrainian law.
    assert gap_refs(party_b, small_instrument) == ["1", "2", "3", "4"]


def test_a_law_not_in_force_leaves_the_gap(focal_point, party_a, small_instrument):
    second = list(small_instrument.provisions.filter(ref="2"))
    make_law(
        focal_point, party_a, title="Repealed", repealed_on=dt.date(2020, 1, 1), provisions=second
    )
    make_law(
        focal_point, party_a, title="Future", in_force_on=dt.date(2030, 1, 1), provisions=second
    )
    assert gap_refs(party_a, small_instrument, on=dt.date(2026, 1, 1)) == ["1", "2", "3", "4"]
    assert gap_refs(party_a, small_instrument, on=dt.date(2030, 1, 1)) == ["1", "3", "4"]


def test_gaps_of_one_instrument_ignore_laws_under_another(
    focal_point, party_a, small_instrument, published_instrument
):
    from concord.registry.models import ProvisionKind
    from concord.registry.tests.factories import ProvisionFactory

    other = ProvisionFactory(instrument=published_instrument, kind=ProvisionKind.ARTICLE)
    make_law(focal_point, party_a, provisions=[other])
    assert gap_refs(party_a, small_instrument) == ["1", "2", "3", "4"]
    assert gap_refs(party_a, published_instrument) == []


def test_in_force_reads_the_dates_as_the_database_does(focal_point, party_a):
    law = make_law(
        focal_point, party_a, in_force_on=dt.date(2020, 1, 1), repealed_on=dt.date(2025, 1, 1)
    )
    for day in (dt.date(2019, 12, 31), dt.date(2020, 1, 1), dt.date(2025, 1, 1)):
        in_db = legislation.legislation_search(in_force_on=day).filter(pk=law.pk).exists()
        assert legislation.is_in_force(law, day) is in_db
    assert legislation.is_in_force(law, dt.date(2024, 12, 31))
