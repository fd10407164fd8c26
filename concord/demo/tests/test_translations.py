"""FAO's name in the UN languages: read from the seed's cover page, shown, owned entry by entry."""

import pytest
from django.urls import reverse

from concord.demo.services import demo_load
from concord.demo.translations import (
    NotAUnLanguagesLine,
    close_cjk_spaces,
    un_language_cells,
)
from concord.registry.models import Body, Citation, Party

FRENCH = "Organisation des Nations Unies pour l'alimentation et l'agriculture"
SPANISH = "Organización de las Naciones Unidas para la Agricultura y la Alimentación"
CHINESE = "联合国粮食及农业组织"
ENGLISH = "Food and Agriculture Organization of the United Nations"
FALLBACK = "Not yet available in Russian; shown in English."


# -- reading the line (no database) -----------------------------------------------------------


def test_a_line_of_six_cells_is_read_by_un_language_order():
    names = ["منظمة", "联合国", "FAO", "Organisation", "Организация", "Organización"]
    line = "".join(f"\t<p>{name}</p>" for name in names)
    cells = un_language_cells(line)
    assert list(cells) == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    assert cells["en"] == "FAO" and cells["ru"] == "Организация"


@pytest.mark.parametrize(
    "line",
    [
        "<p>FAO</p>\t<p>Organisation</p>",  # too few cells
        "\t<p>联合国</p>\t<p>منظمة</p>\t<p>FAO</p>\t<p>Org</p>\t<p>Организация</p>\t<p>Org</p>",
        "\t<p>منظمة</p>\t<p>联合国</p>\t<p>FAO</p>\t<p>Org</p>\t<p>Org</p>\t<p>Организация</p>",
    ],
)
def test_a_line_that_is_not_the_six_names_in_order_is_refused(line):
    with pytest.raises(NotAUnLanguagesLine):
        un_language_cells(line)


def test_spaces_between_chinese_characters_are_removed_and_no_others():
    assert close_cjk_spaces("联合国 粮食及  农业组织") == CHINESE
    assert close_cjk_spaces("FAO 联合国 and more") == "FAO 联合国 and more"


# -- the loaded demo ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_fao_party_and_body_hold_the_names_the_cover_page_gives_cleanly(demo):
    for record in (Party.objects.get(code="fao"), Body.objects.get(code="fao")):
        assert record.name == ENGLISH
        assert record.translated("name", "fr").text == FRENCH
        assert record.translated("name", "es").text == SPANISH
        assert record.translated("name", "zh-hans").text == CHINESE
        assert not record.translated("name", "ar").fell_back
        assert "ru" not in record.translations
        assert record.translated("name", "ru").fell_back


@pytest.mark.django_db
def test_each_translation_cites_the_cover_page_line(demo):
    fao = Party.objects.get(code="fao")
    citations = Citation.objects.filter(
        object_id=fao.pk, content_type__model="party", locator__contains=", name in "
    )
    assert {(c.document, c.line_start, c.line_end) for c in citations} == {
        ("003_d0dd1fd275f9cda1.txt", 5, 5)
    }
    assert sorted(c.locator.split(", ")[1] for c in citations) == [
        "name in Arabic",
        "name in Chinese",
        "name in French",
        "name in Spanish",
    ]


@pytest.mark.django_db
def test_the_fao_page_asked_for_in_french_shows_the_french_name_without_a_note(demo, client):
    text = client.get(reverse("portal:party", args=["fao"]), HTTP_ACCEPT_LANGUAGE="fr").content
    text = text.decode()
    assert f"<h1>{FRENCH}</h1>" in text.replace("&#x27;", "'")
    assert "fallback-note" not in text


@pytest.mark.django_db
def test_the_fao_page_asked_for_in_russian_falls_back_to_english_and_says_so(demo, client):
    text = client.get(reverse("portal:party", args=["fao"]), HTTP_ACCEPT_LANGUAGE="ru").content
    text = text.decode()
    assert f'<h1><span lang="en">{ENGLISH}</span></h1>' in text
    assert FALLBACK in text


@pytest.mark.django_db
def test_the_fao_body_page_asked_for_in_chinese_shows_the_chinese_name(demo, client):
    response = client.get(reverse("portal:body", args=["fao"]), HTTP_ACCEPT_LANGUAGE="zh-Hans")
    text = response.content.decode()
    assert f"<h1>{CHINESE} (FAO)</h1>" in text
    assert "fallback-note" not in text


@pytest.mark.django_db
def test_a_second_load_leaves_the_translations_and_counts_fao_unchanged(demo):
    fao = Party.objects.get(code="fao")
    before = fao.translations
    report = demo_load()
    fao.refresh_from_db()
    assert fao.translations == before
    assert report.tally.records[(Party, fao.pk)] == "unchanged"


@pytest.mark.django_db
def test_an_edited_seed_translation_is_restored_and_counted_as_an_update(demo):
    fao = Party.objects.get(code="fao")
    fao.set_translation("fr", "name", "FAO (édité)")
    fao.save()
    body = Body.objects.get(code="fao")
    body.translations = {}
    body.save()

    report = demo_load()

    fao.refresh_from_db()
    body.refresh_from_db()
    assert fao.translated("name", "fr").text == FRENCH
    assert body.translated("name", "es").text == SPANISH
    assert report.tally.records[(Party, fao.pk)] == "updated"
    assert report.tally.records[(Body, body.pk)] == "updated"


@pytest.mark.django_db
def test_an_editors_own_translations_survive_a_load(demo):
    russian = "Продовольственная и сельскохозяйственная организация Объединённых Наций"
    fao = Party.objects.get(code="fao")
    fao.set_translation("ru", "name", russian)
    fao.save()
    body = Body.objects.get(code="fao-pc")
    body.set_translation("fr", "name", "Comité du Programme")
    body.save()

    report = demo_load()

    fao.refresh_from_db()
    body.refresh_from_db()
    assert fao.translated("name", "ru").text == russian
    assert fao.translated("name", "fr").text == FRENCH
    assert body.translated("name", "fr").text == "Comité du Programme"
    assert report.tally.records[(Party, fao.pk)] == "unchanged"
