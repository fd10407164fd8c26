"""Reads of people, roles and tokens, filtered in the query to what the caller may see."""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from concord.accounts.models import ApiToken, Invitation, PersonStatus, Role, RoleKind
from concord.accounts.rules import is_secretariat, is_secretariat_of_everything, roles_of
from concord.registry.models import Body, Instrument, Party, Publication


def roles_visible_to(user: Any) -> QuerySet[Role]:
    """Return the roles ``user`` may see: all for the secretariat, their own for anyone else."""
    qs = Role.objects.select_related("user", "party", "body", "instrument", "granted_by")
    if not user.is_authenticated:
        return qs.none()
    if is_secretariat(user):
        return qs
    return qs.filter(user_id=user.pk)


def role_list(
    user: Any,
    *,
    username: str | None = None,
    kind: str | None = None,
    party: str | None = None,
    active: bool | None = None,
) -> QuerySet[Role]:
    qs = roles_visible_to(user)
    if username:
        qs = qs.filter(user__username=username)
    if kind:
        qs = qs.filter(kind=kind)
    if party:
        qs = qs.filter(party__code=party)
    if active is not None:
        today = timezone.localdate()
        in_force = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        qs = qs.filter(in_force) if active else qs.exclude(in_force)
    return qs


def parties_in_scope(user: Any, kind: str = RoleKind.FOCAL_POINT) -> QuerySet[Party]:
    """Return the parties ``user`` holds a role of ``kind`` for today.

    An unscoped secretariat has every party in scope, whatever ``kind`` is asked for: later apps
    filter a focal point's work with ``.filter(party__in=parties_in_scope(user))``.
    """
    if not user.is_authenticated:
        return Party.objects.none()
    roles = roles_of(user)
    if any(
        role.kind == RoleKind.SECRETARIAT and role.body_id is None and role.instrument_id is None
        for role in roles
    ):
        return Party.objects.all()
    ids = {role.party_id for role in roles if role.kind == kind and role.party_id}
    return Party.objects.filter(pk__in=ids)


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk)


def invitations_visible_to(user: Any) -> QuerySet[Invitation]:
    qs = Invitation.objects.select_related("party", "body", "instrument", "invited_by")
    return qs if is_secretariat(user) else qs.none()


def people_visible_to(
    user: Any,
    *,
    q: str | None = None,
    kind: str | None = None,
    active: bool | None = None,
) -> QuerySet:
    """Return the people ``user`` may list (the secretariat: everyone), with their roles in force.

    ``q`` searches usernames, names and e-mail addresses; ``kind`` keeps those who hold a role
    of that kind today; ``active`` keeps those who may (or may not) sign in.
    """
    User = get_user_model()
    if not user.is_authenticated or not user.has_perm("accounts.view_people"):
        return User.objects.none()
    in_force = Role.objects.active().select_related("party", "body", "instrument")
    qs = (
        User.objects.order_by("username")
        .select_related("status")
        .prefetch_related(Prefetch("roles", queryset=in_force, to_attr="roles_in_force"))
    )
    if q:
        qs = qs.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
        )
    if kind:
        qs = qs.filter(Exists(Role.objects.active().filter(user=OuterRef("pk"), kind=kind)))
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs


# What a secretariat acts on in the registry ------------------------------------------------

# How each registry record reaches the instrument it hangs on. Parties, their aliases, groups,
# memberships and bodies hang on none: they are reference data every instrument shares.
INSTRUMENT_PATHS = {
    "instrument": "pk",
    "instrumentrelation": "source",
    "provision": "instrument",
    "provisionaddressee": "provision__instrument",
    "footnote": "instrument",
    "participation": "instrument",
    "statement": "instrument",
    "resultsnode": "framework",
}


def _sees_all_of_the_registry(user: Any) -> bool:
    return (user.is_active and user.is_superuser) or is_secretariat_of_everything(user)


def bodies_under(body_ids: Iterable[int]) -> set[int]:
    """Return the ids of the given bodies and of all their organs, however deep."""
    found = set(body_ids)
    level = set(found)
    while level:
        level = set(Body.objects.filter(parent_id__in=level).values_list("pk", flat=True)) - found
        found |= level
    return found


def instruments_in_scope(user: Any) -> QuerySet[Instrument]:
    """Return the instruments ``user`` acts on as the secretariat.

    Every instrument for a secretariat with no scope; for one of a body, the instruments that
    body and its organs adopted; for one of an instrument, that instrument; none for anyone else.
    The same scopes as ``concord.accounts.rules.is_secretariat_of``, asked of the database.
    """
    if not user.is_authenticated:
        return Instrument.objects.none()
    if _sees_all_of_the_registry(user):
        return Instrument.objects.all()
    roles = [role for role in roles_of(user) if role.kind == RoleKind.SECRETARIAT]
    if not roles:
        return Instrument.objects.none()
    instrument_ids = {role.instrument_id for role in roles if role.instrument_id}
    body_ids = bodies_under(role.body_id for role in roles if role.body_id)
    return Instrument.objects.filter(Q(pk__in=instrument_ids) | Q(body_id__in=body_ids))


def open_instruments_filter(user: Any, *, path: str = "") -> Q:
    """Filter what hangs on an instrument (at ``path``) that is published or in the caller's
    secretariat scope: the instruments whose cycles, plans and progress the caller may open."""
    prefix = f"{path}__" if path else ""
    visible = Q(**{f"{prefix}publication": Publication.PUBLISHED})
    if user is not None and user.is_authenticated:
        visible |= Q(**{f"{path or 'pk'}__in": instruments_in_scope(user)})
    return visible


def instruments_open_to(user: Any) -> QuerySet[Instrument]:
    """The instruments published or in the caller's secretariat scope."""
    return Instrument.objects.filter(open_instruments_filter(user))


def in_secretariat_scope(queryset: QuerySet, user: Any) -> QuerySet:
    """Keep the registry records of ``queryset`` that ``user``'s secretariat roles cover.

    A record that hangs on an instrument follows its instrument (``INSTRUMENT_PATHS``); a
    citation follows the record it cites; shared reference data (parties, groups, bodies) stays
    whole for every secretariat. A secretariat with no scope gets ``queryset`` untouched.
    """
    if _sees_all_of_the_registry(user):
        return queryset
    if not is_secretariat(user):
        return queryset.none()
    name = queryset.model._meta.model_name
    if name in INSTRUMENT_PATHS:
        return queryset.filter(**{f"{INSTRUMENT_PATHS[name]}__in": instruments_in_scope(user)})
    if name == "citation":
        return queryset.filter(_citations_in_scope(instruments_in_scope(user)))
    return queryset


def _citations_in_scope(instruments: QuerySet[Instrument]) -> Q:
    registry = apps.get_app_config("registry")
    scoped_types = []
    cited = Q()
    for name, path in INSTRUMENT_PATHS.items():
        model = registry.get_model(name)
        content_type = ContentType.objects.get_for_model(model)
        scoped_types.append(content_type.pk)
        records = model._default_manager.filter(**{f"{path}__in": instruments}).values("pk")
        cited |= Q(content_type_id=content_type.pk, object_id__in=records)
    return cited | ~Q(content_type_id__in=scoped_types)


def person_data(person: Any) -> dict[str, Any]:
    """Return everything Concord holds about ``person``, as they may download it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    roles = Role.objects.filter(user=person).select_related("party", "body", "instrument")
    history_model = Role.history.model
    return {
        "account": {
            "username": person.username,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "date_joined": person.date_joined.isoformat(),
            "last_login": person.last_login.isoformat() if person.last_login else None,
        },
        "roles": [role_data(role) for role in roles],
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "expires_at": token.expires_at.isoformat(),
                "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
                "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            }
            for token in ApiToken.objects.filter(user=person)
        ],
        "two_factor_devices": [
            {"name": device.name, "confirmed": device.confirmed}
            for device in TOTPDevice.objects.filter(user=person)
        ],
        "invitations_accepted": [
            {"email": i.email, "role": i.kind, "accepted_at": i.accepted_at.isoformat()}
            for i in Invitation.objects.filter(accepted_by=person)
        ],
        "login_failures": _login_failures(person),
        "status_history": [
            {
                **_history_data(record),
                "active": record.active,
                "reason": record.reason,
            }
            for record in PersonStatus.history.filter(user_id=person.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        ],
        "roles_history": [
            {
                **_history_data(record),
                "role": record.id,
                "kind": record.kind,
                "party": record.party.code if record.party_id else None,
                "body": record.body.code if record.body_id else None,
                "instrument": record.instrument_id,
                "starts_on": record.starts_on.isoformat(),
                "ends_on": record.ends_on.isoformat() if record.ends_on else None,
                "granted_by": record.granted_by.username if record.granted_by_id else None,
                "note": record.note,
            }
            for record in history_model.objects.filter(user_id=person.pk)
            .select_related("history_user", "party", "body", "granted_by")
            .order_by("history_date", "history_id")
        ],
    }


def _history_data(record: Any) -> dict[str, Any]:
    from concord.audit.selectors import ACTIONS

    return {
        "when": record.history_date.isoformat(),
        "action": ACTIONS[record.history_type],
        "by": record.history_user.get_username() if record.history_user_id else None,
        "source": record.history_source,
    }


def changes_made_by(person: Any) -> Iterator[dict[str, Any]]:
    """Yield every change ``person`` made, newest first, with old and new values (a page a time).

    Fields that hold a secret (a token's hash) are left out: even masked, they say nothing
    about the person.
    """
    from concord.audit.selectors import SECRET_FIELDS, AuditFilters, audit_entries_all

    for entry in audit_entries_all(filters=AuditFilters(user_id=person.pk)):
        yield {
            "when": entry.when.isoformat(),
            "source": entry.source,
            "object_type": entry.object_type,
            "object_id": str(entry.object_id),
            "object": entry.object_repr,
            "action": entry.action,
            "changes": [
                {"field": change.field, "old": change.old, "new": change.new}
                for change in entry.changes
                if not any(word in change.field for word in SECRET_FIELDS)
            ],
        }


def person_data_json(person: Any) -> Iterator[str]:
    """Yield, a piece at a time, the JSON of ``person_data`` with ``changes_made`` at its end.

    The changes a person made can be many (a secretariat loading a registry); they are read
    and written a page at a time, never held all at once.
    """
    head = json.dumps(person_data(person), indent=2, ensure_ascii=False)
    yield head.removesuffix("\n}") + ',\n  "changes_made": ['
    for index, change in enumerate(changes_made_by(person)):
        yield ("," if index else "") + "\n    " + json.dumps(change, ensure_ascii=False)
    yield "\n  ]\n}\n"


def _login_failures(person: Any) -> list[dict[str, Any]]:
    from axes.models import AccessAttempt

    return [
        {"ip_address": a.ip_address, "attempt_time": a.attempt_time.isoformat()}
        for a in AccessAttempt.objects.filter(username=person.username)
    ]


def role_data(role: Role) -> dict[str, Any]:
    """Return a role as the API and the personal download show it."""
    return {
        "id": role.pk,
        "user": role.user.username if role.user_id else None,
        "kind": role.kind,
        "party": role.party.code if role.party_id else None,
        "body": role.body.code if role.body_id else None,
        "instrument": role.instrument_id,
        "starts_on": role.starts_on.isoformat(),
        "ends_on": role.ends_on.isoformat() if role.ends_on else None,
        "note": role.note,
    }
