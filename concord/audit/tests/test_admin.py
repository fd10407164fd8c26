"""Nobody can edit or delete the trail through Concord: the admin does not offer it at all."""

import pytest
from django.contrib import admin

from concord.audit.selectors import audited_models, history_model_of
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def test_no_history_model_is_registered_in_the_admin():
    for model in audited_models().values():
        assert not admin.site.is_registered(history_model_of(model)), model


def test_the_admin_has_no_page_to_change_or_delete_a_history_record(client, superuser):
    party = factories.PartyFactory()
    record = party.history.get()
    client.force_login(superuser)
    for path in [
        "/admin/registry/historicalparty/",
        f"/admin/registry/historicalparty/{record.history_id}/change/",
        f"/admin/registry/historicalparty/{record.history_id}/delete/",
    ]:
        assert client.get(path).status_code == 404, path
    assert party.history.count() == 1
