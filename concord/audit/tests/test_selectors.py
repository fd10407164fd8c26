import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concord.audit import selectors
from concord.audit.context import changes_from
from concord.registry import models
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def entries(**filters) -> list[selectors.Entry]:
    chosen = selectors.audit_filters(**filters)
    return selectors.audit_entries(filters=chosen, limit=500).entries


def test_every_registry_model_and_the_role_are_audited():
    audited = selectors.audited_models()
    assert {"registry.party", "registry.instrument", "registry.provision", "accounts.role"} <= set(
        audited
    )
    assert "auth.user" not in audited


def test_a_created_record_lists_the_values_it_was_given():
    with changes_from("import"):
        party = factories.PartyFactory(code="MNG", name="Mongolia")
    (entry,) = entries(object_type="registry.party", object_id=str(party.pk))
    assert entry.action == "created"
    assert entry.source == "import"
    assert entry.object_repr == "Mongolia"
    values = {c.field: (c.old, c.new) for c in entry.changes}
    assert values["code"] == (None, "MNG")
    assert values["name"] == (None, "Mongolia")


def test_a_changed_record_lists_only_what_changed_with_old_and_new_values():
    party = factories.PartyFactory(name="Mongolia")
    party.name = "Mongolie"
    party.save()
    changed, created = entries(object_type="registry.party", object_id=str(party.pk))
    assert (changed.action, created.action) == ("changed", "created")
    assert [(c.field, c.old, c.new) for c in changed.changes] == [("name", "Mongolia", "Mongolie")]
    assert changed.changes[0].label == "name"


def test_a_deleted_record_keeps_a_readable_history():
    party = factories.PartyFactory(name="Atlantis")
    pk = party.pk
    party.delete()
    deleted, created = entries(object_type="registry.party", object_id=str(pk))
    assert deleted.action == "deleted"
    assert deleted.object_repr == "Atlantis"
    assert created.object_repr == "Atlantis"


def test_a_record_names_a_deleted_related_record_from_its_history():
    participation = factories.ParticipationFactory(party__name="Atlantis")
    participation_pk, party = participation.pk, participation.party
    participation.delete()
    party.delete()
    (deleted, _created) = entries(
        object_type="registry.participation", object_id=str(participation_pk)
    )
    assert deleted.object_repr.startswith("Atlantis")


def test_a_secret_is_never_shown_even_hashed():
    from concord.audit.selectors import _change
    from concord.registry.models import Party

    change = _change(Party._meta, "secret_hash", "", "abc")
    assert (change.old, change.new) == ("", selectors.HIDDEN)


def test_entries_of_every_type_come_newest_first():
    party = factories.PartyFactory()
    instrument = factories.InstrumentFactory()
    party.name = "Renamed"
    party.save()
    found = entries()
    assert [e.when for e in found] == sorted((e.when for e in found), reverse=True)
    assert (found[0].object_type, found[0].object_id) == ("registry.party", party.pk)
    assert ("registry.instrument", instrument.pk) in [(e.object_type, e.object_id) for e in found]


def test_filters_by_type_id_person_moment_and_source(outsider):
    with changes_from("cli"):
        old = factories.PartyFactory(name="Old")
    models.Party.history.filter(id=old.pk).update(
        history_date=timezone.now() - dt.timedelta(days=10)
    )
    with changes_from("api"):
        new = factories.PartyFactory(name="New")
    models.Party.history.filter(id=new.pk).update(history_user=outsider)
    body = factories.BodyFactory()

    assert {e.object_id for e in entries(object_type="registry.party")} == {old.pk, new.pk}
    assert [e.object_repr for e in entries(object_type="registry.body")] == [body.name]
    assert [e.object_id for e in entries(object_type="registry.party", object_id=str(old.pk))] == [
        old.pk
    ]
    assert [e.object_repr for e in entries(user="outsider")] == ["New"]
    assert [e.username for e in entries(user="outsider")] == ["outsider"]
    since = (timezone.now() - dt.timedelta(days=1)).date().isoformat()
    assert "Old" not in [e.object_repr for e in entries(since=since)]
    assert "New" in [e.object_repr for e in entries(since=since)]
    assert [e.object_repr for e in entries(source="cli")] == ["Old"]


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"object_type": "registry.nothing"}, "object_type"),
        ({"object_type": "auth.user"}, "object_type"),
        ({"object_type": "registry.party", "object_id": "abc"}, "object_id"),
        ({"object_id": "12x"}, "object_id"),
        ({"user": "nobody-at-all"}, "user"),
        ({"since": "yesterday"}, "since"),
        ({"since": "2024-02-30"}, "since"),
        ({"source": "fax"}, "source"),
    ],
)
def test_a_bad_filter_is_refused_naming_it(filters, field):
    with pytest.raises(selectors.AuditFilterError) as caught:
        selectors.audit_filters(**filters)
    assert caught.value.field == field


def test_pages_follow_each_other_without_gap_or_repeat_even_on_equal_dates():
    parties = factories.PartyFactory.create_batch(4)
    bodies = factories.BodyFactory.create_batch(3)
    moment = timezone.now()
    # Several tables, all on the same instant: the type and the history id break the tie.
    models.Party.history.update(history_date=moment)
    models.Body.history.update(history_date=moment)
    filters = selectors.audit_filters()
    seen, after = [], None
    while True:
        page = selectors.audit_entries(filters=filters, limit=2, after=after)
        seen += [(e.object_type, e.object_id) for e in page.entries]
        if not page.next:
            break
        after = page.next
    expected = {("registry.party", p.pk) for p in parties} | {
        ("registry.body", b.pk) for b in bodies
    }
    assert len(seen) == len(set(seen)) == len(expected)
    assert set(seen) == expected


def test_offset_skips_entries_in_the_same_order():
    factories.PartyFactory.create_batch(5)
    filters = selectors.audit_filters()
    everything = selectors.audit_entries(filters=filters, limit=10).entries
    skipped = selectors.audit_entries(filters=filters, limit=2, offset=2).entries
    assert [e.key for e in skipped] == [e.key for e in everything[2:4]]


@pytest.mark.parametrize("cursor", ["garbage!", "W10", "WyIyMDI0IiwieCIsMV0", "x" * 600])
def test_a_foreign_cursor_is_refused(cursor):
    with pytest.raises(selectors.AuditFilterError) as caught:
        selectors.audit_entries(filters=selectors.audit_filters(), after=cursor)
    assert caught.value.field == "after"


def test_a_page_costs_the_same_number_of_queries_however_many_changes_it_shows():
    def queries_for_a_page() -> int:
        filters = selectors.audit_filters()
        with CaptureQueriesContext(connection) as captured:
            selectors.audit_entries(filters=filters, limit=50)
        return len(captured)

    participation = factories.ParticipationFactory()
    participation.note = "changed"
    participation.save()
    few = queries_for_a_page()
    for _ in range(10):
        item = factories.ParticipationFactory()
        item.note = "changed"
        item.save()
    assert queries_for_a_page() == few
