import csv
import io

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from concord.audit import selectors
from concord.audit.context import changes_from
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db

PAGES = ["/audit/", "/audit/registry.party/1", "/audit/people/outsider", "/audit/export.csv"]


@pytest.fixture
def changes(outsider):
    with changes_from("cli"):
        party = factories.PartyFactory(name="Mongolia")
        party.name = "Mongolie"
        party.save()
    with changes_from("page"):
        body = factories.BodyFactory(name='=HYPERLINK("http://evil")')
    body.history.filter(id=body.pk).update(history_user=outsider)
    return party, body


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, outsider, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("path", PAGES)
def test_signed_in_person_without_the_secretariat_role_is_refused(client, outsider, path):
    client.force_login(outsider)
    assert client.get(path).status_code == 403


def test_the_list_shows_who_changed_what_from_where_with_old_and_new_values(
    client, secretariat, changes
):
    party, _body = changes
    client.force_login(secretariat)
    response = client.get("/audit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>Mongolia</del>" in html and "<ins>Mongolie</ins>" in html
    assert f'href="/audit/registry.party/{party.pk}"' in html
    assert 'href="/audit/people/outsider"' in html
    assert "command line" in html
    assert 'action="/audit/"' in html and 'method="get"' in html


def test_the_list_filters_with_a_plain_form(client, secretariat, changes):
    client.force_login(secretariat)
    html = client.get("/audit/?object_type=registry.body").content.decode()
    assert "Mongolie" not in html and "HYPERLINK" in html
    html = client.get("/audit/?source=cli").content.decode()
    assert "Mongolie" in html and "HYPERLINK" not in html
    html = client.get("/audit/?user=outsider").content.decode()
    assert "Mongolie" not in html and "HYPERLINK" in html


def test_a_bad_filter_is_explained_beside_its_field_and_ignored(client, secretariat, changes):
    client.force_login(secretariat)
    response = client.get("/audit/?user=nobody-at-all&since=someday")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nobody has the username nobody-at-all." in html
    assert 'id="id_since-error"' in html
    assert "Mongolie" in html


def test_the_list_pages_with_older_and_newest_links(client, secretariat, changes):
    factories.PartyFactory.create_batch(60)
    client.force_login(secretariat)
    first = client.get("/audit/")
    assert first.context["page"].next
    assert 'rel="next"' in first.content.decode()
    second = client.get(f"/audit/?after={first.context['page'].next}")
    everything = selectors.audit_count(filters=selectors.audit_filters())[0]
    assert len(first.context["page"].entries) == 50
    assert len(second.context["page"].entries) == everything - 50
    assert "Newest changes" in second.content.decode()
    assert client.get("/audit/?after=garbage").status_code == 200


def test_one_record_s_history_reads_newest_first(client, secretariat, changes):
    party, _body = changes
    client.force_login(secretariat)
    response = client.get(f"/audit/registry.party/{party.pk}")
    assert response.status_code == 200
    assert [e.action for e in response.context["page"].entries] == ["changed", "created"]
    assert "History of Mongolie" in response.content.decode()


def test_a_deleted_record_s_history_stays_readable(client, secretariat):
    party = factories.PartyFactory(name="Atlantis")
    pk = party.pk
    party.delete()
    client.force_login(secretariat)
    response = client.get(f"/audit/registry.party/{pk}")
    assert [e.action for e in response.context["page"].entries] == ["deleted", "created"]


@pytest.mark.parametrize(
    "path", ["/audit/registry.nothing/1", "/audit/registry.party/abc", "/audit/people/nobody"]
)
def test_an_unknown_record_type_id_or_person_gives_404(client, secretariat, path):
    client.force_login(secretariat)
    assert client.get(path).status_code == 404


def test_one_person_s_changes(client, secretariat, changes):
    client.force_login(secretariat)
    response = client.get("/audit/people/outsider")
    assert response.status_code == 200
    assert [e.object_type for e in response.context["page"].entries] == ["registry.body"]
    assert "Changes made by outsider" in response.content.decode()


def test_the_export_streams_the_filtered_list_as_csv_one_row_per_changed_field(
    client, secretariat, changes
):
    party, _body = changes
    client.force_login(secretariat)
    response = client.get("/audit/export.csv?object_type=registry.party")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    changed = [r for r in rows if r["action"] == "changed"]
    assert changed == [
        {
            **changed[0],
            "user": "",
            "source": "cli",
            "object_type": "registry.party",
            "object_id": str(party.pk),
            "object": "Mongolie",
            "field": "name",
            "old": "Mongolia",
            "new": "Mongolie",
        }
    ]
    created_fields = {r["field"] for r in rows if r["action"] == "created"}
    assert {"code", "name", "kind"} <= created_fields
    assert {r["object_type"] for r in rows} == {"registry.party"}


def test_the_export_keeps_a_spreadsheet_from_running_a_value_as_a_formula(
    client, secretariat, changes
):
    client.force_login(secretariat)
    response = client.get("/audit/export.csv?object_type=registry.body")
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text
