"""``GET /api/search``: instruments, provisions and parties matching a query, grouped by kind."""

from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import AfterValidator, BaseModel, Field

from concord.search import engine
from concord.search.query import MAX_QUERY_LENGTH, clean

router = Router(tags=["search"])

MAX_LIMIT = 100


def _words(value: str) -> str:
    if not clean(value):
        raise ValueError("must contain something to search for")
    return value


class SearchQuery(Schema):
    q: Annotated[str, Field(min_length=1, max_length=MAX_QUERY_LENGTH), AfterValidator(_words)] = (
        Field(
            description="What to look for. Words are stemmed (freezing finds freeze); "
            '"quoted words" are found together.'
        )
    )
    kind: Literal["instrument", "provision", "party"] | None = Field(
        None, description="Only this kind of result; all three kinds when left out."
    )
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"Results per kind, 1 to {MAX_LIMIT}.")


class HitOut(BaseModel):
    kind: str
    id: int
    title: str
    snippet: str = Field(description="Plain text around the match; escape it to show it.")
    rank: float = Field(description="Higher is better; comparable within one kind only.")
    url: str = Field(description="The page of the result on the portal.")
    instrument_id: int | None
    ref: str | None = Field(description="The provision's reference within its instrument.")
    party_code: str | None


class GroupOut(BaseModel):
    items: list[HitOut]
    count: int = Field(description=f"Matches, at most {engine.COUNT_CAP}.")
    count_exact: bool = Field(description=f"False when there are more than {engine.COUNT_CAP}.")


class SearchOut(BaseModel):
    query: str
    groups: dict[str, GroupOut]


def hit_url(hit: engine.Hit) -> str:
    """Return the portal address of a hit (the portal's routes use exactly these paths)."""
    if hit.kind == "instrument":
        return f"/instruments/{hit.id}"
    if hit.kind == "provision":
        return f"/instruments/{hit.instrument_id}/provisions/{hit.ref}"
    return f"/parties/{hit.party_code}"


@router.get(
    "/search",
    response=SearchOut,
    summary="Search instruments, provisions and parties",
    description="Full-text search with stemming and ranking over published instruments, their "
    "provisions, and parties (names and other names). Results come best first, grouped by kind; "
    f"a count above {engine.COUNT_CAP} is given as {engine.COUNT_CAP} with count_exact false.",
)
def search(request: HttpRequest, params: Query[SearchQuery]) -> dict:
    kinds = (params.kind,) if params.kind else engine.KINDS
    results = engine.search(params.q, kinds=kinds, limit=params.limit)
    return {
        "query": params.q,
        "groups": {
            kind: {
                "items": [
                    {
                        "kind": hit.kind,
                        "id": hit.id,
                        "title": hit.title,
                        "snippet": hit.snippet,
                        "rank": hit.rank,
                        "url": hit_url(hit),
                        "instrument_id": hit.instrument_id,
                        "ref": hit.ref,
                        "party_code": hit.party_code,
                    }
                    for hit in results.groups.get(kind, [])
                ],
                "count": results.counts.get(kind, 0),
                "count_exact": results.counts_exact.get(kind, True),
            }
            for kind in kinds
        },
    }
