from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.pagination import Paged
from concord.registry.models import Footnote, ProvisionAddressee
from concord.registry.schemas import ProvisionOut
from concord.registry.tests.factories import (
    BodyFactory,
    PartyFactory,
    ProvisionFactory,
    StatementFactory,
)


def _tree(instrument):
    chapter = ProvisionFactory(
        instrument=instrument,
        seq=1,
        ref="III",
        number="III.",
        kind="chapter",
        heading="Institutions",
    )
    paragraph = ProvisionFactory(
        instrument=instrument,
        seq=2,
        ref="III.5",
        number="5.",
        kind="operative",
        parent=chapter,
        depth=1,
        verb="Calls upon",
        text="Calls upon [participating States] to cooperate ...",
        is_bracketed=True,
    )
    ProvisionAddressee.objects.create(provision=paragraph, label="participating States")
    ProvisionAddressee.objects.create(
        provision=paragraph, label="OSR/CTHB", body=BodyFactory(code="osce-osr-cthb")
    )
    return chapter, paragraph


def test_provisions_are_listed_flat_in_document_order_with_their_place_in_the_tree(
    client, published_instrument
):
    _tree(published_instrument)

    body = client.get(f"/api/instruments/{published_instrument.pk}/provisions").json()

    assert body["count"] == 2
    chapter, paragraph = body["items"]
    assert (chapter["ref"], chapter["parent"], chapter["depth"]) == ("III", None, 0)
    assert paragraph == {
        "ref": "III.5",
        "number": "5.",
        "kind": "operative",
        "verb": "Calls upon",
        "heading": "",
        "text": "Calls upon [participating States] to cooperate ...",
        "parent": "III",
        "depth": 1,
        "seq": 2,
        "addressees": [
            {"label": "OSR/CTHB", "party": None, "group": None, "body": "osce-osr-cthb"},
            {"label": "participating States", "party": None, "group": None, "body": None},
        ],
        "drafting_marks": ["bracketed"],
        "language": "en",
    }


def test_the_provisions_of_an_unpublished_instrument_answer_404_like_unknown_ones(
    client, unpublished_instrument
):
    ProvisionFactory(instrument=unpublished_instrument, ref="op.1")
    base = f"/api/instruments/{unpublished_instrument.pk}"

    for url in (f"{base}/provisions", f"{base}/provisions/op.1", "/api/instruments/0/provisions"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"].startswith("No instrument with id")


def test_a_provision_is_found_by_its_ref_with_footnotes_statements_and_children(
    client, published_instrument
):
    _chapter, paragraph = _tree(published_instrument)
    Footnote.objects.create(
        instrument=published_instrument, provision=paragraph, marker="1", text="See MC.DD/12/13."
    )
    statement = StatementFactory(instrument=published_instrument, party=PartyFactory(code="RUS"))
    statement.provisions.add(paragraph)

    detail = client.get(f"/api/instruments/{published_instrument.pk}/provisions/III.5").json()
    parent = client.get(f"/api/instruments/{published_instrument.pk}/provisions/III").json()

    assert detail["ref"] == "III.5"
    assert detail["instrument"]["id"] == published_instrument.pk
    assert detail["footnotes"] == [{"marker": "1", "text": "See MC.DD/12/13.", "language": "en"}]
    assert [(s["party"], s["id"]) for s in detail["statements"]] == [("RUS", statement.pk)]
    assert parent["children"] == ["III.5"]


def test_an_unknown_provision_ref_gives_404_naming_it(client, published_instrument):
    response = client.get(f"/api/instruments/{published_instrument.pk}/provisions/IX.9")

    assert response.status_code == 404
    assert "IX.9" in response.json()["detail"]


def test_a_provision_text_comes_in_french_where_it_is_translated(client, published_instrument):
    provision = ProvisionFactory(instrument=published_instrument, text="Decides to cooperate")
    provision.set_translation("fr", "text", "Décide de coopérer")
    provision.save()

    item = client.get(
        f"/api/instruments/{published_instrument.pk}/provisions",
        headers={"accept-language": "fr"},
    ).json()["items"][0]

    assert (item["text"], item["language"]) == ("Décide de coopérer", "fr")


def test_provisions_are_read_page_by_page_with_the_next_cursor(client, published_instrument):
    ProvisionFactory.create_batch(7, instrument=published_instrument)
    url = f"/api/instruments/{published_instrument.pk}/provisions?limit=3"

    refs, pages, cursor = [], 0, None
    while True:
        page = client.get(url + (f"&after={cursor}" if cursor else "")).json()
        refs += [p["seq"] for p in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break

    assert pages == 3
    assert refs == sorted(refs) and len(set(refs)) == 7


def test_the_provision_list_costs_the_same_queries_for_10_and_100_provisions(
    client, published_instrument, django_assert_num_queries
):
    party = PartyFactory()

    def add(count: int) -> None:
        for provision in ProvisionFactory.create_batch(count, instrument=published_instrument):
            ProvisionAddressee.objects.create(provision=provision, label="a party", party=party)

    add(10)
    url = f"/api/instruments/{published_instrument.pk}/provisions?limit=500"
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get(url).json()["items"]) == 10
    add(90)

    with django_assert_num_queries(len(ten)):
        assert len(client.get(url).json()["items"]) == 100


def test_a_provision_costs_the_same_queries_with_10_and_100_related_rows(
    client, published_instrument, django_assert_num_queries
):
    top = ProvisionFactory(instrument=published_instrument, ref="A")

    def add(count: int) -> None:
        for n in range(count):
            ProvisionFactory(instrument=published_instrument, parent=top, depth=1)
            ProvisionAddressee.objects.create(
                provision=top, label=f"body {top.addressees.count()}", body=BodyFactory()
            )
            StatementFactory(instrument=published_instrument).provisions.add(top)
            Footnote.objects.create(
                instrument=published_instrument, provision=top, marker=str(n), text="Note."
            )

    add(10)
    url = f"/api/instruments/{published_instrument.pk}/provisions/A"
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get(url).json()["children"]) == 10
    add(90)

    with django_assert_num_queries(len(ten)):
        assert len(client.get(url).json()["children"]) == 100


def test_a_listed_provision_has_the_documented_shape_and_matches_its_detail(
    client, published_instrument
):
    _tree(published_instrument)
    base = f"/api/instruments/{published_instrument.pk}/provisions"

    listed = client.get(base).json()
    detail = client.get(f"{base}/III.5").json()

    # The list is serialized without ninja's validation, so check it against the schema here.
    Paged[ProvisionOut].model_validate(listed)
    assert listed["items"][1] == {key: detail[key] for key in ProvisionOut.model_fields}
