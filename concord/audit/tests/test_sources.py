"""A change made through a page, the API or the command line is recorded so, with its author."""

import sys

import pytest

from concord import cli
from concord.audit import selectors
from concord.audit.context import changes_from, current_source
from concord.registry.models import Instrument, Party, Publication
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def latest(model, pk) -> selectors.Entry:
    label = model._meta.label_lower
    filters = selectors.audit_filters(object_type=label, object_id=str(pk))
    return selectors.audit_entries(filters=filters, limit=1).entries[0]


def test_an_admin_action_is_recorded_as_made_from_a_page_by_its_author(client, superuser):
    instrument = factories.InstrumentFactory(publication=Publication.PROPOSED)
    client.force_login(superuser)
    response = client.post(
        "/admin/registry/instrument/",
        {"action": "publication_in_review", "_selected_action": [instrument.pk]},
    )
    assert response.status_code == 302
    entry = latest(Instrument, instrument.pk)
    assert (entry.action, entry.source, entry.username) == ("changed", "page", "root")
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("publication", "proposed", "in_review")
    ]


def test_an_admin_edit_form_is_recorded_as_made_from_a_page_with_old_and_new_values(
    client, superuser
):
    party = factories.PartyFactory(code="MNG", name="Mongolia")
    client.force_login(superuser)
    response = client.post(
        f"/admin/registry/party/{party.pk}/change/",
        {
            "code": "MNG",
            "name": "Mongolia (renamed)",
            "official_name": "",
            "kind": "state",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "registry-citation-content_type-object_id-TOTAL_FORMS": "0",
            "registry-citation-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = latest(Party, party.pk)
    assert (entry.source, entry.username) == ("page", "root")
    assert ("name", "Mongolia", "Mongolia (renamed)") in [
        (c.field, c.old, c.new) for c in entry.changes
    ]


@pytest.mark.urls("concord.audit.tests.write_urls")
def test_a_write_answering_an_api_request_is_recorded_as_made_from_the_api(client, outsider):
    party = factories.PartyFactory(name="Before")
    client.force_login(outsider)
    response = client.post(f"/api/test/parties/{party.pk}/rename", {"name": "After"})
    assert response.status_code == 204
    entry = latest(Party, party.pk)
    assert (entry.source, entry.username) == ("api", "outsider")
    assert [(c.field, c.old, c.new) for c in entry.changes] == [("name", "Before", "After")]


@pytest.mark.urls("concord.audit.tests.write_urls")
def test_a_write_answering_a_page_request_is_recorded_as_made_from_a_page(client):
    party = factories.PartyFactory(name="Before")
    client.post(f"/test/parties/{party.pk}/rename", {"name": "After"})
    entry = latest(Party, party.pk)
    assert (entry.source, entry.username) == ("page", None)


# A command closes the database connections when it ends: commit for real, not in a rollback.
@pytest.mark.django_db(transaction=True)
def test_a_command_is_recorded_as_made_from_the_command_line(monkeypatch):
    party = factories.PartyFactory(name="Before")
    rename = (
        "from concord.registry.models import Party; "
        f"p = Party.objects.get(pk={party.pk}); p.name = 'After'; p.save()"
    )
    monkeypatch.setattr(sys, "argv", ["concord", "shell", "--no-imports", "-c", rename])
    cli.main()
    entry = latest(Party, party.pk)
    assert (entry.source, entry.username) == ("cli", None)
    assert [(c.field, c.old, c.new) for c in entry.changes] == [("name", "Before", "After")]
    assert current_source() == ""


def test_an_importer_or_a_task_names_itself_around_its_work():
    with changes_from("task"):
        party = factories.PartyFactory()
    assert latest(Party, party.pk).source == "task"
    with pytest.raises(ValueError), changes_from("carrier pigeon"):
        pass
