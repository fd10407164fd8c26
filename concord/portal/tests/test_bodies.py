import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def test_body_list_nests_organs_under_their_organization(client, registry):
    response = client.get(reverse("portal:body_list"))
    text = response.content.decode()
    assert response.status_code == 200
    roots = {b.code for b in response.context["roots"]}
    assert "osce" in roots
    assert "pc" not in roots
    assert text.index('href="/bodies/osce"') < text.index('href="/bodies/pc"')


def test_body_list_costs_the_same_queries_for_10_and_30_rows(client, db):
    def queries_for(rows: int) -> int:
        parent = factories.BodyFactory()
        factories.BodyFactory.create_batch(rows, parent=parent)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portal:body_list")).status_code == 200
        return len(captured)

    assert queries_for(10) == queries_for(20)


def test_body_detail_shows_organs_and_published_instruments(client, registry):
    organization = client.get(reverse("portal:body", args=["osce"])).content.decode()
    assert 'href="/bodies/pc"' in organization
    response = client.get(reverse("portal:body", args=["pc"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "PC.DEC/1107" in text
    assert 'href="/bodies/osce"' in text
    assert "Confidential draft" not in text


def test_unknown_body_gives_404(client, db):
    assert client.get(reverse("portal:body", args=["nobody"])).status_code == 404
