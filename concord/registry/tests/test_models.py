import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from concord.registry.dates import PartialDate
from concord.registry.models import Instrument, Participation
from concord.registry.tests.factories import (
    InstrumentFactory,
    ParticipationFactory,
    ProvisionFactory,
)


def test_a_month_precise_participation_date_is_stored_without_inventing_a_day(db):
    participation = ParticipationFactory(start="2001-11")
    stored = Participation.objects.get(pk=participation.pk)
    assert stored.start == PartialDate.month(2001, 11)
    assert stored.start.edtf == "2001-11"


def test_an_ended_observer_status_keeps_its_end(db):
    participation = ParticipationFactory(role="observer", start="2003", end="2005")
    assert Participation.objects.get(pk=participation.pk).end.edtf == "2005"


def test_a_symbol_belongs_to_one_instrument_per_version(db):
    InstrumentFactory(symbol="PC.DEC/1108")
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentFactory(symbol="PC.DEC/1108")


def test_a_symbol_reissued_with_changed_text_is_its_next_version(db):
    first = InstrumentFactory(symbol="PC.DEC/1108")
    second = InstrumentFactory(symbol="PC.DEC/1108", version=2, revision_of=first)
    assert Instrument.objects.with_symbol("pc.dec/1108") == second
    assert Instrument.objects.with_symbol("PC.DEC/1109") is None


def test_instruments_without_symbol_can_coexist(db):
    InstrumentFactory(symbol="")
    InstrumentFactory(symbol="")
    assert Instrument.objects.filter(symbol="").count() == 2


def test_a_provision_ref_is_unique_within_its_instrument_only(db):
    provision = ProvisionFactory(ref="III.1.5")
    ProvisionFactory(ref="III.1.5")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionFactory(ref="III.1.5", instrument=provision.instrument)


def test_a_title_is_shown_in_french_where_it_exists(db):
    instrument = InstrumentFactory(title="Cooperation")
    instrument.set_translation("fr", "title", "Coopération")
    with translation.override("fr"):
        assert instrument.translated("title") == ("Coopération", "fr", False)
    with translation.override("es"):
        assert instrument.translated("title") == ("Cooperation", "en", True)


def test_only_the_six_languages_can_hold_translations(db):
    instrument = InstrumentFactory()
    with pytest.raises(ValueError, match="not one of"):
        instrument.set_translation("de", "title", "Zusammenarbeit")
