"""Turn the rows each engine's SQL selects into the hit dictionaries the engine expects."""

from collections.abc import Iterable


def instrument_hits(rows: Iterable[tuple]) -> list[dict]:
    """Rows of (id, title, symbol, score)."""
    return [
        {"id": id_, "title": title, "snippet": symbol, "rank": score, "instrument_id": id_}
        for id_, title, symbol, score in rows
    ]


def party_hits(rows: Iterable[tuple]) -> list[dict]:
    """Rows of (id, code, name, official name, score)."""
    return [
        {
            "id": id_,
            "title": name,
            "snippet": official_name or code,
            "rank": score,
            "party_code": code,
        }
        for id_, code, name, official_name, score in rows
    ]
