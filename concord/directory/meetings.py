"""Meetings of bodies: who may record them, what they may link to, and the lists that read them.

Meetings are public. The secretariat records them: a secretariat of all of Concord any meeting,
a secretariat of a body the meetings of that body and its organs (``directory.add_meeting``).
A meeting links to the instruments it discussed and those it adopted; a writer may link only an
instrument that is published or within their own secretariat scope, and readers see only those
that are published, or in their scope, so that no unpublished draft is ever named to the public.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from concord.accounts.selectors import bodies_under, instruments_open_to
from concord.directory.models import Meeting
from concord.registry.dates import DatePrecision
from concord.registry.models import Body, Instrument, Party

# What a reader sees ---------------------------------------------------------------------------


def meetings_with_links(user: Any = None) -> QuerySet[Meeting]:
    """Return meetings with their body, participants, and the instruments ``user`` may see.

    Without a user (the public pages), only published instruments come with a meeting.
    """
    instruments = instruments_open_to(user).order_by("symbol", "pk")
    return Meeting.objects.select_related("body").prefetch_related(
        Prefetch("participants", queryset=Party.objects.order_by("name")),
        Prefetch("documents", queryset=instruments),
        Prefetch("decisions", queryset=instruments),
    )


def meeting_list(
    qs: QuerySet[Meeting] | None = None,
    *,
    body: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    party: str | None = None,
) -> QuerySet[Meeting]:
    """Filter meetings: of a body (by code, its organs' meetings included), a year, a kind,
    or with a participating party (by code). An unknown code matches nothing."""
    qs = Meeting.objects.select_related("body") if qs is None else qs
    if body:
        found = Body.objects.filter(code=body).values_list("pk", flat=True).first()
        qs = qs.filter(body_id__in=bodies_under([found]) if found else [])
    if year:
        # A range rather than __year, so that the (body, starts_on) index serves it.
        qs = qs.filter(starts_on__gte=dt.date(year, 1, 1), starts_on__lt=dt.date(year + 1, 1, 1))
    if kind:
        qs = qs.filter(kind=kind)
    if party:
        qs = qs.filter(participants__code=party)
    return qs


def meeting_data(meeting: Meeting) -> dict:
    """Return a meeting as the API shows it (its instruments as far as prefetched)."""
    return {
        "id": meeting.pk,
        "body": meeting.body.code,
        "kind": meeting.kind,
        "title": meeting.title,
        "starts_on": meeting.starts_on,
        "ends_on": meeting.ends_on,
        "precision": meeting.precision,
        "place": meeting.place,
        "agenda": meeting.agenda,
        "participants": [p.code for p in meeting.participants.all()],
        "documents": [i.pk for i in meeting.documents.all()],
        "decisions": [i.pk for i in meeting.decisions.all()],
    }


# Writes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingContent:
    """What a meeting record says, as a person writes it: codes for the body and parties,
    ids for the instruments. With a ``precision`` of month or year, the dates are the first day
    of that month or year."""

    body: str
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    precision: str = DatePrecision.DAY
    place: str = ""
    agenda: str = ""
    participants: Sequence[str] = ()
    documents: Sequence[int] = ()
    decisions: Sequence[int] = ()


def meeting_content(meeting: Meeting) -> MeetingContent:
    """Return what ``meeting`` says now, every link included (to apply a partial change to)."""
    return MeetingContent(
        body=meeting.body.code,
        kind=meeting.kind,
        title=meeting.title,
        starts_on=meeting.starts_on,
        ends_on=meeting.ends_on,
        precision=meeting.precision,
        place=meeting.place,
        agenda=meeting.agenda,
        participants=list(meeting.participants.values_list("code", flat=True)),
        documents=sorted(_linked(meeting, "documents")),
        decisions=sorted(_linked(meeting, "decisions")),
    )


def content_changed(content: MeetingContent, changes: dict[str, Any]) -> MeetingContent:
    """Return ``content`` with the ``changes`` a partial update gives (unknown names ignored)."""
    names = {f.name for f in fields(MeetingContent)}
    return replace(content, **{k: v for k, v in changes.items() if k in names})


def _unknown(name: str, values: Iterable[Any]) -> ValidationError:
    listed = ", ".join(sorted(str(v) for v in values))
    return ValidationError({name: _("Unknown: %(values)s.") % {"values": listed}})


def body_named(code: str) -> Body:
    body = Body.objects.filter(code=code).first()
    if body is None:
        raise _unknown("body", [code])
    return body


def parties_named(codes: Iterable[str], name: str = "participants") -> list[Party]:
    codes = set(codes)
    found = list(Party.objects.filter(code__in=codes))
    unknown = codes - {p.code for p in found}
    if unknown:
        raise _unknown(name, unknown)
    return found


def instruments_named(user: Any, ids: Iterable[int], name: str) -> list[Instrument]:
    """Return the instruments with these ids if ``user`` may link them all.

    An instrument neither published nor in ``user``'s scope is refused as unknown, so that the
    answer does not tell it exists.
    """
    ids = set(ids)
    found = list(instruments_open_to(user).filter(pk__in=ids))
    unknown = ids - {i.pk for i in found}
    if unknown:
        raise ValidationError(
            {
                name: _("No published instrument with id %(ids)s.")
                % {"ids": ", ".join(str(i) for i in sorted(unknown))}
            }
        )
    return found


def _links(user: Any, ids: Iterable[int], name: str, linked: set[int]) -> set[int]:
    """Return the instrument ids a meeting will link: those given, and those already linked
    that ``user`` cannot see (which a person cannot unlink without knowing of them)."""
    ids = set(ids)
    instruments_named(user, ids - linked, name)
    seen = set(instruments_open_to(user).filter(pk__in=linked).values_list("pk", flat=True))
    return ids | (linked - seen)


def _linked(meeting: Meeting, name: str) -> set[int]:
    """Return the ids of the instruments linked as ``name``, whatever a prefetch kept."""
    through = getattr(Meeting, name).through
    return set(
        through.objects.filter(meeting_id=meeting.pk).values_list("instrument_id", flat=True)
    )


def _meeting_write(meeting: Meeting, *, user: Any, content: MeetingContent) -> Meeting:
    participants = parties_named(content.participants)
    links = {
        name: _links(
            user, getattr(content, name), name, _linked(meeting, name) if meeting.pk else set()
        )
        for name in ("documents", "decisions")
    }
    meeting.kind = content.kind
    meeting.title = content.title.strip()
    meeting.starts_on = content.starts_on
    meeting.ends_on = content.ends_on
    meeting.precision = content.precision
    meeting.place = content.place.strip()
    meeting.agenda = content.agenda.strip()
    meeting.full_clean()
    meeting._history_user = user
    meeting.save()
    meeting.participants.set(participants)
    meeting.documents.set(links["documents"])
    meeting.decisions.set(links["decisions"])
    return meeting


def _check_body(user: Any, permission: str, body_code: str) -> Body:
    """Return the body if ``user`` may record its meetings; refuse before naming it unknown."""
    if not user.has_perm(permission):
        raise PermissionDenied
    body = body_named(body_code)
    if not user.has_perm(permission, Meeting(body=body)):
        raise PermissionDenied
    return body


@transaction.atomic
def meeting_create(*, user: Any, content: MeetingContent) -> Meeting:
    """Record a meeting of a body (the secretariat of that body, or of everything)."""
    body = _check_body(user, "directory.add_meeting", content.body)
    return _meeting_write(Meeting(body=body), user=user, content=content)


@transaction.atomic
def meeting_update(*, meeting: Meeting, user: Any, content: MeetingContent) -> Meeting:
    """Replace what a meeting record says; moving it to another body needs both bodies."""
    if not user.has_perm("directory.change_meeting", meeting):
        raise PermissionDenied
    locked = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    if content.body != locked.body.code:
        locked.body = _check_body(user, "directory.change_meeting", content.body)
    return _meeting_write(locked, user=user, content=content)
