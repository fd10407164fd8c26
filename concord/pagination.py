"""How every list in Concord's API is paginated: ``limit``/``offset`` near the top, a cursor deeper.

A list answers ``{"items", "count", "count_exact", "limit", "offset", "next"}``.

* ``limit`` (default 50, at most 500) and ``offset`` read the first pages. ``offset`` stops at
  ``OFFSET_CAP``: a database walks and throws away every skipped row, so deep offsets get slower
  with every page.
* ``next`` is an opaque cursor; pass it back as ``after=`` to read the following page. For a list
  ordered by a unique key (``key=("seq",)``, ``key=("name", "id")``) the cursor holds the key of
  the last row and the next page starts with an indexed ``WHERE key > last`` (keyset pagination),
  as fast on page 20,000 as on page 1. A list ordered by relevance (``key=None``) has no such key:
  its cursor holds an offset, and it ends at ``OFFSET_CAP`` too.
* ``count`` counts at most ``count_cap`` + 1 rows (``COUNT(*)`` over a ``LIMIT`` subquery), so a
  list of a million rows costs no full count; above the cap it says ``count_cap`` and
  ``count_exact`` is false.
"""

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError
from pydantic import BaseModel

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
COUNT_CAP = 10_000
OFFSET_CAP = 10_000

# Keys and cursors travel through SQL; keep their values within what every database accepts.
_INT_RANGE = (-(2**63), 2**63 - 1)
_MAX_CURSOR_LENGTH = 2_000

T = TypeVar("T")
ItemT = TypeVar("ItemT")


class PageQuery(Schema):
    """The query parameters of every paginated list."""

    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}."
    )
    offset: int = Field(
        0,
        ge=0,
        description=f"Rows to skip, at most {OFFSET_CAP}; read further with `after`.",
    )
    after: str | None = Field(
        None,
        max_length=_MAX_CURSOR_LENGTH,
        description="The `next` cursor of the previous page.",
    )


class Paged(BaseModel, Generic[ItemT]):
    """One page of a list."""

    items: list[ItemT]
    count: int = Field(description=f"Rows in the whole list, at most {COUNT_CAP}.")
    count_exact: bool = Field(description=f"False when the list has more than {COUNT_CAP} rows.")
    limit: int
    offset: int
    next: str | None = Field(description="Pass as `after` to read the next page; null at the end.")


class PageError(ValueError):
    """A page cannot be read as asked; ``field`` names the query parameter at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    count: int
    count_exact: bool
    limit: int
    offset: int
    next: str | None

    def as_dict(self, serialize: Callable[[T], Any] | None = None) -> dict[str, Any]:
        """Return the page as the API answers it, each row passed through ``serialize``."""
        return {
            "items": [serialize(row) for row in self.rows] if serialize else list(self.rows),
            "count": self.count,
            "count_exact": self.count_exact,
            "limit": self.limit,
            "offset": self.offset,
            "next": self.next,
        }


def capped_count(qs: QuerySet, *, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """Count the rows of ``qs`` up to ``cap``; return the count and whether it is exact."""
    # Slicing makes Django count over a subquery: SELECT COUNT(*) FROM (SELECT ... LIMIT cap+1).
    counted = qs.order_by().values("pk")[: cap + 1].count()
    return (counted, True) if counted <= cap else (cap, False)


def paginate(
    qs: QuerySet,
    *,
    key: Sequence[str] | None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    after: str | None = None,
    count_cap: int = COUNT_CAP,
    offset_cap: int = OFFSET_CAP,
    rows: Callable[[QuerySet], Iterable[T]] = list,
) -> Page[T]:
    """Read one page of ``qs``.

    ``key`` lists the fields that order the list (``"-name"`` for descending) and together
    identify a row; none of them may be null. With ``key=None`` the queryset keeps its own
    order (a ranking) and cursors carry an offset. ``rows`` turns the sliced queryset into the
    page's rows (e.g. ``lambda qs: list(qs.values(...))`` to skip building model instances).
    """
    if offset > offset_cap:
        raise PageError(
            "offset",
            _("offset may not exceed %(cap)d; follow the `next` cursor with after= instead.")
            % {"cap": offset_cap},
        )
    if after and offset:
        raise PageError("offset", _("Give either offset or after, not both."))
    count, exact = capped_count(qs, cap=count_cap)
    if key is None:
        start = _decode_offset(after, offset_cap) if after else offset
        page_rows = list(rows(qs[start : start + limit + 1]))
        more = len(page_rows) > limit
        next_cursor = (
            _encode({"o": start + limit}) if more and start + limit <= offset_cap else None
        )
        return Page(page_rows[:limit], count, exact, limit, offset, next_cursor)
    ordered = qs.order_by(*key)
    if after:
        try:
            ordered = ordered.filter(_after(key, _decode_key(after, len(key))))
        except (TypeError, ValueError, DjangoValidationError):
            # A well-formed cursor whose values do not fit the key's fields (e.g. text for an id).
            raise PageError("after", _("This cursor is not one this list gave out.")) from None
    else:
        ordered = ordered[offset:]
    page_rows = list(rows(ordered[: limit + 1]))
    more = len(page_rows) > limit
    page_rows = page_rows[:limit]
    next_cursor = _encode([_value(page_rows[-1], f) for f in key]) if more else None
    return Page(page_rows, count, exact, limit, offset, next_cursor)


def paginate_query(qs: QuerySet, page: PageQuery, **options: Any) -> Page:
    """Read the page a request asks for; a bad page parameter becomes a 422 naming it."""
    try:
        return paginate(qs, limit=page.limit, offset=page.offset, after=page.after, **options)
    except PageError as exc:
        raise ValidationError(
            [{"type": "value_error", "loc": ["query", exc.field], "msg": exc.message}]
        ) from None


def _after(key: Sequence[str], values: list[Any]) -> Q:
    """Return the rows that come after ``values`` in the order of ``key``."""
    condition = Q()
    for i, field in enumerate(key):
        name = field.lstrip("-")
        step = Q(**{f"{name}__{'lt' if field.startswith('-') else 'gt'}": values[i]})
        for previous, value in zip(key[:i], values[:i], strict=True):
            step &= Q(**{previous.lstrip("-"): value})
        condition |= step
    return condition


def _value(row: Any, field: str) -> Any:
    """Read a key field (``"party__name"`` follows relations) from a model instance or a dict."""
    name = field.lstrip("-")
    if isinstance(row, dict):
        value = row[name]
    else:
        value = row
        for part in name.split("__"):
            value = getattr(value, part)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _encode(payload: Any) -> str:
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> Any:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return json.loads(raw)
    except (binascii.Error, ValueError):
        raise PageError("after", _("This cursor is not one this list gave out.")) from None


def _decode_key(cursor: str, size: int) -> list[Any]:
    values = _decode(cursor)
    if not (
        isinstance(values, list) and len(values) == size and all(_is_scalar(v) for v in values)
    ):
        raise PageError("after", _("This cursor is not one this list gave out."))
    return values


def _decode_offset(cursor: str, offset_cap: int) -> int:
    payload = _decode(cursor)
    start = payload.get("o") if isinstance(payload, dict) else None
    if not isinstance(start, int) or isinstance(start, bool) or not 0 <= start <= offset_cap:
        raise PageError("after", _("This cursor is not one this list gave out."))
    return start


def _is_scalar(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return _INT_RANGE[0] <= value <= _INT_RANGE[1]
    if isinstance(value, str):
        return "\x00" not in value
    return isinstance(value, float)


__all__ = [
    "COUNT_CAP",
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "OFFSET_CAP",
    "Page",
    "PageError",
    "PageQuery",
    "Paged",
    "capped_count",
    "paginate",
    "paginate_query",
]
