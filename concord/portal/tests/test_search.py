import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_search_page_without_a_query_shows_the_form(client, db):
    response = client.get(reverse("portal:search"))
    assert response.status_code == 200
    assert response.context["results"] is None
    assert 'name="q"' in response.content.decode()


def test_search_groups_results_by_type_and_links_them(client, registry):
    response = client.get(reverse("portal:search"), {"q": "freeze"})
    text = response.content.decode()
    assert response.status_code == 200
    provisions = response.context["groups"][1]
    assert provisions["kind"] == "provision"
    assert provisions["count"] == 1
    assert f'href="/instruments/{registry.instrument.pk}/provisions/III.5"' in text


def test_search_finds_instruments_and_parties(client, registry):
    response = client.get(reverse("portal:search"), {"q": "trafficking"})
    assert f'href="/instruments/{registry.instrument.pk}"' in response.content.decode()
    response = client.get(reverse("portal:search"), {"q": "Ukraine"})
    assert 'href="/parties/UKR"' in response.content.decode()


def test_search_never_shows_unpublished_records(client, registry):
    text = client.get(reverse("portal:search"), {"q": "Secret"}).content.decode()
    assert "Secret freezing text" not in text
    assert "SECRET/1" not in text


def test_search_escapes_what_was_typed(client, registry):
    text = client.get(reverse("portal:search"), {"q": "<script>x</script>"}).content.decode()
    assert "<script>x" not in text
