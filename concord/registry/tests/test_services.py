import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.models import Instrument, Publication
from concord.registry.services import instrument_transition
from concord.registry.tests.factories import InstrumentFactory


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "editor@example.org", "x")


def test_publishing_a_reviewed_instrument_records_who_did_it(editor):
    instrument = InstrumentFactory(publication=Publication.IN_REVIEW)
    instrument_transition(
        instrument=instrument, lifecycle="publication", target="published", user=editor
    )
    instrument.refresh_from_db()
    assert instrument.publication == Publication.PUBLISHED
    entry = LogEntry.objects.get(object_id=str(instrument.pk))
    assert entry.user == editor
    assert "publication" in entry.change_message


def test_an_illegal_transition_is_refused_and_changes_nothing(editor):
    instrument = InstrumentFactory(publication=Publication.PROPOSED)
    with pytest.raises(ValidationError, match="Cannot go from"):
        instrument_transition(
            instrument=instrument, lifecycle="publication", target="published", user=editor
        )
    assert Instrument.objects.get(pk=instrument.pk).publication == Publication.PROPOSED
    assert not LogEntry.objects.exists()


def test_a_person_without_the_change_permission_cannot_publish(db):
    instrument = InstrumentFactory(publication=Publication.IN_REVIEW)
    visitor = User.objects.create_user("visitor")
    with pytest.raises(PermissionDenied):
        instrument_transition(
            instrument=instrument, lifecycle="publication", target="published", user=visitor
        )
    assert Instrument.objects.get(pk=instrument.pk).publication == Publication.IN_REVIEW
