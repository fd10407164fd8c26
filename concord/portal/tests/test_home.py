import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_counts_only_what_is_published(client, registry):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts == {
        "instruments": 3,
        "provisions": 4,
        "parties": 2,
        "participation": 2,
        "statements": 1,
    }
    assert "Confidential draft" not in response.content.decode()


def test_home_lists_the_latest_instruments(client, registry):
    response = client.get(reverse("portal:home"))
    assert "Decision on combating trafficking" in response.content.decode()


def test_home_renders_with_an_empty_registry(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "No instrument is published yet." in response.content.decode()


def test_page_sets_language_and_direction_from_the_reader(client):
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="fr" dir="ltr">' in response.content.decode()


def test_language_switcher_sets_the_language(client):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": reverse("portal:home")}
    )
    assert response.status_code == 302
    assert '<html lang="es"' in client.get(reverse("portal:home")).content.decode()


def test_pages_carry_no_inline_script_or_style(client, registry):
    content = client.get(reverse("portal:instrument", args=[registry.instrument.pk])).content
    text = content.decode()
    assert "<script" not in text
    assert "style=" not in text
    assert "<style" not in text
