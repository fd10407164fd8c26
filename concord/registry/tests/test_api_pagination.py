"""The pagination every list shares (concord/pagination.py), on real rows and through HTTP."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.pagination import PageError, capped_count, paginate
from concord.registry.models import Party
from concord.registry.tests.factories import InstrumentFactory, PartyFactory


@pytest.fixture
def parties(db) -> list[Party]:
    # Two parties share each name, so a cursor on the name alone would skip rows.
    return [PartyFactory(code=f"P{n:02}", name=f"Name {n // 2:02}") for n in range(12)]


def _walk(qs, **options) -> list:
    rows, after = [], None
    while True:
        page = paginate(qs, after=after, **options)
        rows += page.rows
        after = page.next
        if after is None:
            return rows


def test_a_keyset_walk_visits_every_row_once_in_order(parties):
    rows = _walk(Party.objects.all(), key=("name", "id"), limit=5)

    assert [p.code for p in rows] == [p.code for p in parties]


def test_a_descending_keyset_walk_visits_every_row_once_in_reverse(parties):
    rows = _walk(Party.objects.all(), key=("-name", "-id"), limit=5)

    assert [p.code for p in rows] == [p.code for p in reversed(parties)]


def test_a_ranked_list_is_walked_by_an_offset_cursor(parties):
    rows = _walk(Party.objects.order_by("-code"), key=None, limit=5)

    assert [p.code for p in rows] == sorted((p.code for p in parties), reverse=True)


def test_a_ranked_list_stops_giving_cursors_at_the_offset_cap(parties):
    page = paginate(Party.objects.order_by("code"), key=None, limit=5, offset=5, offset_cap=8)

    assert [p.code for p in page.rows] == ["P05", "P06", "P07", "P08", "P09"]
    assert page.next is None


def test_a_count_above_the_cap_is_given_as_the_cap_and_says_so(parties):
    page = paginate(Party.objects.all(), key=("id",), limit=3, count_cap=10)

    assert (page.count, page.count_exact) == (10, False)
    assert len(page.rows) == 3


def test_a_count_up_to_the_cap_is_exact(parties):
    assert capped_count(Party.objects.all(), cap=12) == (12, True)


def test_the_count_reads_at_most_cap_plus_one_rows(parties):
    with CaptureQueriesContext(connection) as queries:
        capped_count(Party.objects.all(), cap=10)

    assert "LIMIT 11" in queries[0]["sql"].upper()


def test_offset_past_the_cap_is_refused_naming_offset_and_after(parties):
    with pytest.raises(PageError) as refused:
        paginate(Party.objects.all(), key=("id",), offset=11, offset_cap=10)

    assert refused.value.field == "offset"
    assert "after" in refused.value.message


@pytest.mark.parametrize(
    "cursor",
    ["not base64 !", "bm90IGpzb24", "WzEsMl0", "WyJhYmMiXQ", "eyJvIjoxfQ", "W3RydWVd"],
)
def test_a_cursor_this_list_did_not_give_out_is_refused(parties, cursor):
    with pytest.raises(PageError) as refused:
        paginate(Party.objects.all(), key=("id",), after=cursor)

    assert refused.value.field == "after"


def test_offset_and_after_together_are_refused(parties):
    cursor = paginate(Party.objects.all(), key=("id",), limit=2).next

    with pytest.raises(PageError) as refused:
        paginate(Party.objects.all(), key=("id",), after=cursor, offset=2)

    assert refused.value.field == "offset"


def test_limit_and_offset_read_the_page_asked_for(client, db):
    instruments = InstrumentFactory.create_batch(5)

    body = client.get("/api/instruments?limit=2&offset=2").json()

    assert [i["id"] for i in body["items"]] == [i.pk for i in instruments[2:4]]
    assert (body["limit"], body["offset"], body["count"]) == (2, 2, 5)
    assert body["next"] is not None


def test_the_next_cursor_reads_the_following_page(client, db):
    instruments = InstrumentFactory.create_batch(5)
    first = client.get("/api/instruments?limit=2").json()

    second = client.get(f"/api/instruments?limit=2&after={first['next']}").json()

    assert [i["id"] for i in second["items"]] == [i.pk for i in instruments[2:4]]
    assert second["count"] == 5


@pytest.mark.parametrize(("query", "field"), [("limit=0", "limit"), ("limit=501", "limit")])
def test_a_limit_out_of_range_gives_422_naming_it(client, db, query, field):
    response = client.get(f"/api/instruments?{query}")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_a_deep_offset_gives_422_pointing_to_after(client, db):
    response = client.get("/api/parties?offset=10001")

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["query", "offset"]
    assert "after" in error["msg"]


def test_offset_up_to_the_cap_is_allowed(client, db):
    assert client.get("/api/parties?offset=10000").status_code == 200


def test_a_forged_cursor_gives_422_naming_after(client, db):
    response = client.get("/api/parties?after=WyJhIl0")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "after"]


def test_search_results_are_paged_with_a_cursor_too(client, db):
    wanted = {i.pk for i in InstrumentFactory.create_batch(5, title="Plan on asset recovery")}
    InstrumentFactory(title="Programme of work")

    seen, cursor = [], ""
    while cursor is not None:
        page = client.get(f"/api/instruments?q=recovery&limit=2&after={cursor}").json()
        assert page["count"] == 5
        seen += [i["id"] for i in page["items"]]
        cursor = page["next"]

    assert sorted(seen) == sorted(wanted)
