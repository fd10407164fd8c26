"""Read the audit trail: every audited model's history, as one list of entries, newest first.

Each audited model keeps its own history table (simple-history). A page of the trail asks each
table for its first ``limit + 1`` matching rows (an indexed ``ORDER BY history_date DESC LIMIT``),
merges them by date, and only then loads the rows on the page in full and compares each with
the record before it. The order is (``history_date``, object type, ``history_id``), all
descending, and the cursor holds the last entry's key, so page 1,000 costs what page 1 costs.
"""

import base64
import binascii
import datetime as dt
import heapq
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import islice
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concord.audit.context import Source
from concord.audit.models import AuditedChange, UnlistedChange

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
ACTION_LABELS = {
    "created": gettext_lazy("created"),
    "changed": gettext_lazy("changed"),
    "deleted": gettext_lazy("deleted"),
}
COUNT_CAP = 10_000
# Fields whose values the trail never shows: a hash of a secret is still worth guessing at.
SECRET_FIELDS = ("password", "secret", "_hash", "otp")
HIDDEN = "********"
_MAX_CURSOR_LENGTH = 500


class AuditFilterError(ValueError):
    """A filter of the trail cannot be read; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class AuditFilters:
    object_type: str | None = None
    object_id: Any = None
    user_id: int | None = None
    username: str | None = None
    since: dt.datetime | None = None
    source: str | None = None


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: Any
    new: Any

    @property
    def old_text(self) -> str:
        return as_text(self.old)

    @property
    def new_text(self) -> str:
        return as_text(self.new)


def as_text(value: Any) -> str:
    """Write a value as a person reads it in a page or a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


@dataclass
class Entry:
    when: dt.datetime
    username: str | None
    source: str
    object_type: str
    object_id: Any
    object_repr: str
    action: str
    history_id: int
    changes: list[Change] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])

    @property
    def source_label(self) -> str:
        return str(Source(self.source).label) if self.source in Source.values else ""

    @property
    def key(self) -> tuple[dt.datetime, str, int]:
        return (self.when, self.object_type, self.history_id)


@dataclass(frozen=True)
class AuditPage:
    entries: list[Entry]
    next: str | None


# Which models are audited ------------------------------------------------------------------


@cache
def audited_models() -> dict[str, type[models.Model]]:
    """Return every audited model by its label (``registry.party``), in label order."""
    found = {}
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        history_model = getattr(model, manager).model if manager else None
        if history_model and issubclass(history_model, AuditedChange):
            if issubclass(history_model, UnlistedChange):
                continue
            found[model._meta.label_lower] = model
    return dict(sorted(found.items()))


def history_model_of(model: type[models.Model]) -> type[models.Model]:
    return getattr(model, model._meta.simple_history_manager_attribute).model


# Filters ----------------------------------------------------------------------------------


def audit_filters(
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    user: str | None = None,
    since: str | dt.date | None = None,
    source: str | None = None,
) -> AuditFilters:
    """Check the filters as a person or a program wrote them; raise AuditFilterError naming one."""
    models_by_type = audited_models()
    if object_type and object_type not in models_by_type:
        raise AuditFilterError(
            "object_type",
            _("%(value)s is not an audited type of record; use one of: %(types)s.")
            % {"value": object_type, "types": ", ".join(models_by_type)},
        )
    pk = None
    if object_id not in (None, ""):
        pk_fields = (
            [models_by_type[object_type]._meta.pk]
            if object_type
            else [m._meta.pk for m in models_by_type.values()]
        )
        try:
            pk = pk_fields[0].to_python(object_id)
            for pk_field in pk_fields:
                pk_field.to_python(object_id)
        except ValidationError:
            raise AuditFilterError(
                "object_id", _("%(value)s is not a record id.") % {"value": object_id}
            ) from None
    user_id = None
    if user:
        found = get_user_model()._default_manager.filter(username=user).values_list("pk", flat=True)
        if not found:
            message = _("Nobody has the username %(value)s.") % {"value": user}
            raise AuditFilterError("user", message)
        user_id = found[0]
    if source and source not in Source.values:
        raise AuditFilterError(
            "source",
            _("%(value)s is not a source; use one of: %(sources)s.")
            % {"value": source, "sources": ", ".join(Source.values)},
        )
    return AuditFilters(
        object_type=object_type or None,
        object_id=pk,
        user_id=user_id,
        username=user or None,
        since=_since(since),
        source=source or None,
    )


def _since(value: str | dt.date | None) -> dt.datetime | None:
    """Read a date (from its first moment) or a date and time; naive ones are in our time zone."""
    if value in (None, ""):
        return None
    moment: dt.datetime | None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time.min)
    else:
        try:
            moment = parse_datetime(value)
            if moment is None and (day := parse_date(value)):
                moment = dt.datetime.combine(day, dt.time.min)
        except ValueError:
            moment = None
    if moment is None:
        raise AuditFilterError(
            "since",
            _("%(value)s is not a date (2024-05-31) or a date and time (2024-05-31T14:00Z).")
            % {"value": value},
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _matching(history: type[models.Model], filters: AuditFilters) -> models.QuerySet:
    qs = history._default_manager.all()
    if filters.object_id is not None:
        qs = qs.filter(id=filters.object_id)
    if filters.user_id is not None:
        qs = qs.filter(history_user_id=filters.user_id)
    if filters.since is not None:
        qs = qs.filter(history_date__gte=filters.since)
    if filters.source:
        qs = qs.filter(history_source=filters.source)
    return qs


def _types(filters: AuditFilters) -> list[str]:
    return [filters.object_type] if filters.object_type else list(audited_models())


# Pages ------------------------------------------------------------------------------------


def audit_count(*, filters: AuditFilters, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """Count the matching entries up to ``cap``; return the count and whether it is exact."""
    total = 0
    for object_type in _types(filters):
        history = history_model_of(audited_models()[object_type])
        total += _matching(history, filters).order_by().values("pk")[: cap + 1 - total].count()
        if total > cap:
            return cap, False
    return total, True


def audit_entries(
    *, filters: AuditFilters, limit: int = 50, offset: int = 0, after: str | None = None
) -> AuditPage:
    """Return one page of the trail, newest first, with the changes each entry made."""
    cursor = _decode(after) if after else None
    heads = []
    for object_type in _types(filters):
        history = history_model_of(audited_models()[object_type])
        qs = _matching(history, filters)
        if cursor:
            qs = qs.filter(_after(object_type, cursor))
        keys = qs.order_by("-history_date", "-history_id").values_list(
            "history_date", "history_id"
        )[: offset + limit + 1]
        heads.append([(when, object_type, history_id) for when, history_id in keys])
    merged = heapq.merge(*heads, reverse=True)
    keys = list(islice(merged, offset, offset + limit + 1))
    more = len(keys) > limit
    keys = keys[:limit]
    entries = _entries(keys)
    next_cursor = _encode(entries[-1].key) if more and entries else None
    return AuditPage(entries, next_cursor)


def audit_entries_all(*, filters: AuditFilters, chunk: int = 500) -> Iterator[Entry]:
    """Yield every matching entry, a page at a time (for an export)."""
    after = None
    while True:
        page = audit_entries(filters=filters, limit=chunk, after=after)
        yield from page.entries
        if not page.next:
            return
        after = page.next


def _after(object_type: str, cursor: tuple[dt.datetime, str, int]) -> Q:
    """Return the rows of one table that come after ``cursor`` in the trail's order."""
    when, last_type, last_id = cursor
    if object_type < last_type:
        return Q(history_date__lte=when)
    if object_type > last_type:
        return Q(history_date__lt=when)
    return Q(history_date__lt=when) | Q(history_date=when, history_id__lt=last_id)


def _entries(keys: list[tuple[dt.datetime, str, int]]) -> list[Entry]:
    """Load the records behind ``keys`` (a few queries per type, never one per row)."""
    ids_by_type: dict[str, list[int]] = defaultdict(list)
    for _when, object_type, history_id in keys:
        ids_by_type[object_type].append(history_id)
    records: dict[tuple[str, int], Any] = {}
    for object_type, ids in ids_by_type.items():
        model = audited_models()[object_type]
        history = history_model_of(model)
        earlier = history._default_manager.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        rows = list(
            history._default_manager.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(
                previous_id=Subquery(
                    earlier.order_by("-history_date", "-history_id").values("history_id")[:1]
                )
            )
        )
        previous_ids = [r.previous_id for r in rows if r.history_type != "+" and r.previous_id]
        previous = history._default_manager.in_bulk(previous_ids)
        instances = _instances(model, rows)
        for row in rows:
            records[(object_type, row.history_id)] = (
                row,
                previous.get(row.previous_id),
                instances[row.history_id],
            )
    entries = []
    for _when, object_type, history_id in keys:
        row, before, instance = records[(object_type, history_id)]
        entries.append(
            Entry(
                when=row.history_date,
                username=row.history_user.get_username() if row.history_user else None,
                source=row.history_source,
                object_type=object_type,
                object_id=row.id,
                object_repr=_describe(instance),
                action=ACTIONS[row.history_type],
                history_id=row.history_id,
                changes=_changes(row, before),
            )
        )
    return entries


def _instances(model: type[models.Model], rows: list) -> dict[int, models.Model]:
    """Rebuild each record's object as it was, its foreign keys fetched once per field.

    A deleted related object is looked up in its own history, so a name stays readable.
    """
    instances = {row.history_id: row.instance for row in rows}
    for fk in model._meta.concrete_fields:
        if not fk.is_relation or not fk.many_to_one:
            continue
        wanted = {getattr(i, fk.attname) for i in instances.values()} - {None}
        if not wanted:
            continue
        related = fk.related_model
        found = related._base_manager.in_bulk(wanted)
        missing = wanted - set(found)
        if missing and related._meta.label_lower in audited_models():
            for old in (
                history_model_of(related)
                ._default_manager.filter(id__in=missing)
                .order_by("id", "-history_date", "-history_id")
            ):
                found.setdefault(old.id, old.instance)
        for instance in instances.values():
            value = getattr(instance, fk.attname)
            if value in found:
                fk.set_cached_value(instance, found[value])
    return instances


def _describe(instance: models.Model) -> str:
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return f"{instance._meta.verbose_name} {instance.pk}"


def _changes(row, before) -> list[Change]:
    """Return what the record changed: every value it set when created, else the differences."""
    opts = row.instance_type._meta
    if row.history_type == "+":
        fields = [f for f in row.tracked_fields if f.editable and not f.primary_key]
        values = [(f, None, getattr(row, f.attname)) for f in fields]
        return [
            _change(opts, f.name, None, new)
            for f, _old, new in values
            if new not in (None, "", {}, [])
        ]
    if before is None:
        return []
    return [_change(opts, c.field, c.old, c.new) for c in row.diff_against(before).changes]


def _change(opts, name: str, old: Any, new: Any) -> Change:
    if any(word in name for word in SECRET_FIELDS):
        old, new = (HIDDEN if old else old), (HIDDEN if new else new)
    return Change(name, _label(opts, name), _plain(old), _plain(new))


def _label(opts, name: str) -> str:
    try:
        return str(opts.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field the model no longer has: its history still names it
        return name


def _plain(value: Any) -> Any:
    """Return a value as JSON can carry it (dates as ISO text, related rows as lists)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


# Cursors ----------------------------------------------------------------------------------


def _encode(key: tuple[dt.datetime, str, int]) -> str:
    when, object_type, history_id = key
    raw = json.dumps([when.isoformat(), object_type, history_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[dt.datetime, str, int]:
    wrong = AuditFilterError("after", _("This cursor is not one this list gave out."))
    if len(cursor) > _MAX_CURSOR_LENGTH:
        raise wrong
    try:
        when, object_type, history_id = json.loads(
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        )
        moment = dt.datetime.fromisoformat(when)
    except (binascii.Error, ValueError, TypeError):
        raise wrong from None
    if (
        timezone.is_naive(moment)
        or object_type not in audited_models()
        or not isinstance(history_id, int)
        or isinstance(history_id, bool)
        or not 0 <= history_id < 2**63
    ):
        raise wrong
    return moment, object_type, history_id
