import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from concord.accounts.models import Role, RoleKind
from concord.conftest import make_person
from concord.registry.models import Instrument, Publication
from concord.registry.services import instrument_transition
from concord.registry.tests.factories import BodyFactory, InstrumentFactory


def test_publishing_a_reviewed_instrument_records_who_did_it(secretariat):
    instrument = InstrumentFactory(publication=Publication.IN_REVIEW)
    instrument_transition(
        instrument=instrument, lifecycle="publication", target="published", user=secretariat
    )
    instrument.refresh_from_db()
    assert instrument.publication == Publication.PUBLISHED
    entry = LogEntry.objects.get(object_id=str(instrument.pk))
    assert entry.user == secretariat
    assert "publication" in entry.change_message
    assert instrument.history.first().history_user == secretariat


def test_an_illegal_transition_is_refused_and_changes_nothing(secretariat):
    instrument = InstrumentFactory(publication=Publication.PROPOSED)
    with pytest.raises(ValidationError, match="Cannot go from"):
        instrument_transition(
            instrument=instrument, lifecycle="publication", target="published", user=secretariat
        )
    assert Instrument.objects.get(pk=instrument.pk).publication == Publication.PROPOSED
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("persona", ["focal_point", "other_focal_point", "reviewer", "partner"])
def test_only_the_secretariat_may_publish(persona, request):
    person = request.getfixturevalue(persona)
    instrument = InstrumentFactory(publication=Publication.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        instrument_transition(
            instrument=instrument, lifecycle="publication", target="published", user=person
        )
    assert Instrument.objects.get(pk=instrument.pk).publication == Publication.IN_REVIEW


def test_a_staff_flag_without_a_role_does_not_let_anyone_publish(db):
    staff = make_person("staff")
    staff.is_staff = True
    staff.save()
    instrument = InstrumentFactory(publication=Publication.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        instrument_transition(
            instrument=instrument, lifecycle="publication", target="published", user=staff
        )


def test_a_secretariat_of_a_body_publishes_the_instruments_of_its_organs_only(db):
    organization = BodyFactory(code="osce")
    council = BodyFactory(code="pc", parent=organization)
    other = BodyFactory(code="fao")
    officer = make_person("osce-officer")
    Role.objects.create(user=officer, kind=RoleKind.SECRETARIAT, body=organization)
    ours = InstrumentFactory(body=council, publication=Publication.IN_REVIEW)
    theirs = InstrumentFactory(body=other, publication=Publication.IN_REVIEW)
    instrument_transition(
        instrument=ours, lifecycle="publication", target="published", user=officer
    )
    with pytest.raises(PermissionDenied):
        instrument_transition(
            instrument=theirs, lifecycle="publication", target="published", user=officer
        )
    assert Instrument.objects.get(pk=theirs.pk).publication == Publication.IN_REVIEW
