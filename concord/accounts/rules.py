"""The one permission layer: who may do what to which object, for pages, API, CLI, admin and tasks.

Every question is asked as ``user.has_perm("app.action_model", obj)``; the answer comes from
the predicates below, composed per permission with the ``rules`` package. A permission is held
through a role in force today (see ``Role``); a staff flag or a Django group grants nothing.
``docs/permissions.md`` is generated from this module (``concord permissions doc``).
"""

from __future__ import annotations

from typing import Any

import rules
from django.apps import apps

from concord.accounts.models import Role, RoleKind

ROLES_CACHE = "_concord_roles"


def roles_of(user: Any) -> list[Role]:
    """Return the roles ``user`` holds today, loaded once per user object."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, ROLES_CACHE, None)
    if cached is None:
        cached = list(Role.objects.active().filter(user_id=user.pk).select_related("party", "body"))
        setattr(user, ROLES_CACHE, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the roles cached on ``user`` (after granting or ending one of theirs)."""
    if user is not None and hasattr(user, ROLES_CACHE):
        delattr(user, ROLES_CACHE)


def _kind(user: Any, kind: str) -> list[Role]:
    return [role for role in roles_of(user) if role.kind == kind]


def _body_chain(body: Any) -> set[int]:
    """Return the ids of a body and of every body it is part of."""
    seen: set[int] = set()
    while body is not None and body.pk not in seen:
        seen.add(body.pk)
        body = body.parent
    return seen


def _instrument_of(obj: Any) -> Any:
    """Return the instrument a registry record hangs on (itself for an instrument), or None."""
    Instrument = apps.get_model("registry", "Instrument")
    if isinstance(obj, Instrument):
        return obj
    for name in ("instrument", "source", "framework"):
        if hasattr(obj, f"{name}_id"):
            return getattr(obj, name)
    return None


# Predicates -------------------------------------------------------------------------------

is_signed_in = rules.is_authenticated


@rules.predicate
def is_secretariat(user: Any) -> bool:
    """Hold a secretariat role of any scope."""
    return bool(_kind(user, RoleKind.SECRETARIAT))


@rules.predicate
def is_secretariat_of_everything(user: Any) -> bool:
    """Hold a secretariat role not limited to a body or an instrument."""
    return any(
        role.body_id is None and role.instrument_id is None
        for role in _kind(user, RoleKind.SECRETARIAT)
    )


@rules.predicate
def is_secretariat_of(user: Any, obj: Any) -> bool:
    """Hold a secretariat role whose scope covers ``obj`` (any object when none is given).

    A secretariat of a body covers that body, its organs, and the instruments they adopted (and
    what hangs on them); a secretariat of an instrument covers that instrument.
    """
    roles = _kind(user, RoleKind.SECRETARIAT)
    if obj is None:
        return bool(roles)
    if any(role.body_id is None and role.instrument_id is None for role in roles):
        return True
    Body = apps.get_model("registry", "Body")
    instrument = _instrument_of(obj)
    if instrument is not None:
        chain = _body_chain(instrument.body) if instrument.body_id else set()
        return any(
            role.instrument_id == instrument.pk or (role.body_id and role.body_id in chain)
            for role in roles
        )
    if isinstance(obj, Body):
        chain = _body_chain(obj)
        return any(role.body_id and role.body_id in chain for role in roles)
    return False


@rules.predicate
def covers_role(user: Any, role: Any) -> bool:
    """Grant or end ``role``: only within one's own scope (any role, when none is given).

    A secretariat of all of Concord covers every role; a secretariat of a body or an instrument
    covers the roles held within that body, its organs and their instruments, so that nobody can
    grant a role wider than their own.
    """
    if role is None:
        return is_secretariat(user)
    if is_secretariat_of_everything(user):
        return True
    scope = role.instrument or role.body
    return scope is not None and is_secretariat_of(user, scope)


@rules.predicate
def is_focal_point_of(user: Any, party: Any) -> bool:
    """Serve as a national focal point of ``party``."""
    if party is None:
        return False
    return any(role.party_id == party.pk for role in _kind(user, RoleKind.FOCAL_POINT))


@rules.predicate
def is_reviewer_of(user: Any, party: Any) -> bool:
    """Review the work of ``party``."""
    if party is None:
        return False
    return any(role.party_id == party.pk for role in _kind(user, RoleKind.REVIEWER))


@rules.predicate
def is_self(user: Any, person: Any) -> bool:
    """Be the person asked about."""
    return person is not None and user.is_authenticated and person.pk == user.pk


@rules.predicate
def is_owner(user: Any, record: Any) -> bool:
    """Own the record (a token, an invitation one sent)."""
    return record is not None and getattr(record, "user_id", None) == user.pk


# Reporting: a cycle hangs on its instrument; a submission, a recommendation, a planned action
# or a reform project on a party and (through its cycle or directly) an instrument. Asked
# without an object, each says whether the person holds a role that may do it to some.


def _cycle_of(obj: Any) -> Any:
    return getattr(obj, "cycle", obj)


@rules.predicate
def is_secretariat_of_its_instrument(user: Any, obj: Any) -> bool:
    """Hold a secretariat role covering the instrument of a cycle, or of a record under one."""
    return is_secretariat_of.test(user, _cycle_of(obj))


@rules.predicate
def is_focal_point_of_its_party(user: Any, record: Any) -> bool:
    """Serve as a focal point of the party a record is from (of any party without one)."""
    if record is None:
        return bool(_kind(user, RoleKind.FOCAL_POINT))
    return is_focal_point_of.test(user, record.party)


@rules.predicate
def is_reviewer_of_its_party(user: Any, record: Any) -> bool:
    """Review the party a record is from (any party without one)."""
    if record is None:
        return bool(_kind(user, RoleKind.REVIEWER))
    return is_reviewer_of.test(user, record.party)


@rules.predicate
def its_instrument_is_published(user: Any, record: Any) -> bool:
    """The instrument a record hangs on is published (any record, asked without one).

    A party's people see nothing under an instrument that is not published: they cannot open
    its cycles either.
    """
    if record is None:
        return True
    from concord.registry.models import Publication

    instrument = _instrument_of(_cycle_of(record))
    return instrument is not None and instrument.publication == Publication.PUBLISHED


# Reporting figures: a cycle's questions on indicators are answered, in a party's submission, by
# the bodies responsible for those indicators (a national body for its own party only), as they
# enter those figures on the indicators' pages.


def _answering_bodies(user: Any, party_id: Any) -> set[int]:
    return {
        role.body_id
        for role in _kind(user, RoleKind.RESPONSIBLE_BODY)
        if role.body.party_id in (None, party_id)
    }


@rules.predicate
def is_responsible_body_of_its_questions(user: Any, submission: Any) -> bool:
    """Serve as the body responsible for an indicator a submission's cycle asks the figure of.

    Asked without a submission: hold a responsible body role.
    """
    if submission is None:
        return bool(_kind(user, RoleKind.RESPONSIBLE_BODY))
    bodies = _answering_bodies(user, submission.party_id)
    if not bodies:
        return False
    Question = apps.get_model("reporting", "Question")
    return Question.objects.filter(
        cycle_id=submission.cycle_id, indicator__responsible_body_id__in=bodies
    ).exists()


@rules.predicate
def is_focal_point_of_its_answers_party(user: Any, answer: Any) -> bool:
    """Serve as a focal point of the party whose submission an answer is in (of any, without)."""
    if answer is None:
        return bool(_kind(user, RoleKind.FOCAL_POINT))
    return is_focal_point_of.test(user, answer.submission.party)


@rules.predicate
def is_responsible_body_of_its_answers_indicator(user: Any, answer: Any) -> bool:
    """Serve as the body responsible for the indicator an answer gives the party's figure of."""
    if answer is None:
        return bool(_kind(user, RoleKind.RESPONSIBLE_BODY))
    question = answer.question
    if question.indicator_id is None:
        return False
    return question.indicator.responsible_body_id in _answering_bodies(
        user, answer.submission.party_id
    )


# The directory: a contact hangs on a party (and maybe an instrument or a body), legislation on
# a party, a meeting on a body.


@rules.predicate
def is_secretariat_of_its_body(user: Any, record: Any) -> bool:
    """Hold a secretariat role covering the body a record hangs on (any, asked without one)."""
    if record is None:
        return is_secretariat.test(user)
    body = getattr(record, "body", None)
    return body is not None and is_secretariat_of.test(user, body)


# Cooperation requests: seen by the requesting body's cooperation officers and by the addressed
# party's central authority (once sent), and by nobody else, whatever their other roles.


def _request_of(record: Any) -> Any:
    """Return the request a reply, an asset or a step hangs on (itself for a request)."""
    return getattr(record, "request", record)


def _requesting_body_of(record: Any) -> Any:
    return _request_of(record).requesting_body


@rules.predicate
def is_officer_of_its_requesting_body(user: Any, record: Any) -> bool:
    """Serve as a cooperation officer of the body that made a request (any, asked without one)."""
    officers = _kind(user, RoleKind.COOPERATION_OFFICER)
    if record is None:
        return bool(officers)
    chain = _body_chain(_requesting_body_of(record))
    return any(role.body_id in chain for role in officers)


@rules.predicate
def is_central_authority_of_its_party(user: Any, record: Any) -> bool:
    """Serve as the central authority of the party a sent request is addressed to.

    A request withdrawn before it was ever sent stays the requesting body's own.
    """
    authorities = _kind(user, RoleKind.CENTRAL_AUTHORITY)
    if record is None:
        return bool(authorities)
    request = _request_of(record)
    if not hasattr(request, "party_id") or request.status == "draft" or request.sent_on is None:
        return False
    return any(role.party_id == request.party_id for role in authorities)


# Indicators: an indicator hangs on an instrument (or on none); a value and a target on an
# indicator, and a value on a party.


def _indicator_of(record: Any) -> Any:
    return getattr(record, "indicator", record)


@rules.predicate
def is_secretariat_of_its_indicator(user: Any, record: Any) -> bool:
    """Hold a secretariat role covering an indicator's instrument (any role, for one without)."""
    if record is None:
        return is_secretariat.test(user)
    instrument = _indicator_of(record).instrument
    if instrument is None:
        return is_secretariat.test(user)
    return is_secretariat_of.test(user, instrument)


@rules.predicate
def is_responsible_body_of_its_indicator(user: Any, record: Any) -> bool:
    """Serve as the body responsible for reporting an indicator (any such body, without one).

    A national body (a ministry) reports the figures of its own party only.
    """
    roles = _kind(user, RoleKind.RESPONSIBLE_BODY)
    if record is None:
        return bool(roles)
    indicator = _indicator_of(record)
    party_id = getattr(record, "party_id", None)
    return any(
        role.body_id == indicator.responsible_body_id
        and (party_id is None or role.body.party_id in (None, party_id))
        for role in roles
    )


@rules.predicate
def is_focal_point_of_its_values_party(user: Any, value: Any) -> bool:
    """Serve as a focal point of the party a value is of (of any party, asked of an indicator)."""
    if value is None or not hasattr(value, "party_id"):
        return bool(_kind(user, RoleKind.FOCAL_POINT))
    return value.party_id is not None and is_focal_point_of.test(user, value.party)


# Permissions ------------------------------------------------------------------------------

REGISTRY_MODELS = (
    "party",
    "partyalias",
    "group",
    "groupmembership",
    "body",
    "instrument",
    "instrumentrelation",
    "provision",
    "provisionaddressee",
    "footnote",
    "participation",
    "statement",
    "citation",
    "resultsnode",
)
# Records that hang on an instrument: a secretariat of its body or of it may change them.
INSTRUMENT_SCOPED = {
    "instrument",
    "instrumentrelation",
    "provision",
    "footnote",
    "participation",
    "statement",
    "resultsnode",
}


_party_people_reviewing = is_secretariat_of_its_instrument | is_reviewer_of_its_party
_party_people = _party_people_reviewing | is_focal_point_of_its_party
# Recommendations, planned actions and reform projects: the secretariat sees them all; the
# party's people only under a published instrument.
_party_people_once_published = is_secretariat_of_its_instrument | (
    (is_focal_point_of_its_party | is_reviewer_of_its_party) & its_instrument_is_published
)

PERMISSIONS: dict[str, rules.Predicate] = {
    # The registry app as a whole (the admin's index asks for it).
    "registry": is_secretariat,
    "accounts": is_secretariat,
    "accounts.use_admin": is_secretariat,
    "accounts.grant_role": covers_role,
    "accounts.end_role": covers_role,
    "accounts.view_role": is_secretariat | is_owner,
    "accounts.invite": is_secretariat,
    # The trail spans every scope, so only a secretariat of all of Concord reads it.
    "accounts.view_audit": is_secretariat_of_everything,
    "accounts.view_person_data": is_self | is_secretariat,
    "accounts.view_apitoken": is_owner | is_secretariat,
    "accounts.revoke_apitoken": is_owner | is_secretariat,
    "accounts.view_invitation": is_secretariat,
    # People: every secretariat sees who holds which role (it grants them); only a secretariat
    # of all of Concord deactivates a person, which ends their access to every scope at once.
    "accounts.view_people": is_secretariat,
    "accounts.manage_people": is_secretariat_of_everything,
    # Failed sign-ins: the secretariat sees them and lifts a lockout by deleting the attempt.
    "axes": is_secretariat,
    "axes.view_accessattempt": is_secretariat,
    "axes.delete_accessattempt": is_secretariat,
    # Uploads for ingestion: made on the upload page (registry.add_instrument), read in the
    # admin by every secretariat, and never edited or deleted there.
    "ingestion": is_secretariat,
    "ingestion.view_sourcedocument": is_secretariat,
    "ingestion.add_sourcedocument": rules.always_deny,
    "ingestion.change_sourcedocument": rules.always_deny,
    "ingestion.delete_sourcedocument": rules.always_deny,
    # The task queue's results (read only in the admin): whether an ingestion ran, and how.
    "django_tasks_database": is_secretariat,
    "django_tasks_database.view_dbtaskresult": is_secretariat,
    # Reporting: the secretariat of an instrument runs its cycles and publishes what it accepts;
    # a party's focal points fill and submit its answers; its reviewers return or accept them.
    "reporting.add_reportingcycle": is_secretariat_of_its_instrument,
    "reporting.change_reportingcycle": is_secretariat_of_its_instrument,
    "reporting.view_submission": _party_people,
    "reporting.change_submission": is_focal_point_of_its_party,
    # Some of its answers: the party's focal points all of them; the body responsible for an
    # indicator the cycle asks the figure of, that figure's (quarterly reports by ministry).
    "reporting.answer_submission": is_focal_point_of_its_party
    | is_responsible_body_of_its_questions,
    "reporting.change_answer": is_focal_point_of_its_answers_party
    | is_responsible_body_of_its_answers_indicator,
    "reporting.submit_submission": is_focal_point_of_its_party,
    "reporting.review_submission": _party_people_reviewing,
    "reporting.publish_submission": is_secretariat_of_its_instrument,
    # Reviews and recommendations: the party's reviewers and the instrument's secretariat write
    # them and read the internal comments; the party's focal points answer the recommendations;
    # the secretariat publishes them.
    "reporting.add_review": _party_people_reviewing,
    "reporting.view_internal_review": _party_people_reviewing,
    "reporting.add_recommendation": _party_people_reviewing,
    "reporting.change_recommendation": _party_people_reviewing,
    "reporting.view_recommendation": _party_people_once_published,
    "reporting.respond_recommendation": is_focal_point_of_its_party
    | is_secretariat_of_its_instrument,
    "reporting.publish_recommendation": is_secretariat_of_its_instrument,
    # A party's implementation plan and reform projects are its focal points' own drafts until
    # they publish them; the steering group (the instrument's secretariat and the party's
    # reviewers) reviews a project at midterm and at the end.
    "reporting.view_planaction": _party_people_once_published,
    "reporting.add_planaction": is_focal_point_of_its_party,
    "reporting.change_planaction": is_focal_point_of_its_party,
    "reporting.publish_planaction": is_focal_point_of_its_party,
    "reporting.view_reformproject": _party_people_once_published,
    "reporting.add_reformproject": is_focal_point_of_its_party,
    "reporting.change_reformproject": is_focal_point_of_its_party,
    "reporting.publish_reformproject": is_focal_point_of_its_party,
    "reporting.review_reformproject": _party_people_reviewing,
    # The directory is public, but how to reach a person is for members only. A party's focal
    # points keep its entries current; the secretariat keeps those within its scope, the meetings
    # of its bodies, and the best practices.
    "directory.view_contact_details": is_signed_in,
    "directory.add_contact": is_focal_point_of_its_party
    | is_secretariat_of_its_instrument
    | is_secretariat_of_its_body,
    "directory.change_contact": is_focal_point_of_its_party
    | is_secretariat_of_its_instrument
    | is_secretariat_of_its_body,
    "directory.add_legislation": is_focal_point_of_its_party | is_secretariat,
    "directory.change_legislation": is_focal_point_of_its_party | is_secretariat,
    "directory.add_meeting": is_secretariat_of_its_body,
    "directory.change_meeting": is_secretariat_of_its_body,
    "directory.add_bestpractice": is_secretariat,
    "directory.change_bestpractice": is_secretariat,
    # Cooperation requests: the requesting body's officers write and follow them; the party's
    # central authority acknowledges, replies and reports assets; only officers piece the
    # replies of every State together, decide name matches and read who saw what.
    "cooperation.view_cooperationrequest": is_officer_of_its_requesting_body
    | is_central_authority_of_its_party,
    "cooperation.add_cooperationrequest": is_officer_of_its_requesting_body,
    "cooperation.change_cooperationrequest": is_officer_of_its_requesting_body,
    "cooperation.answer_cooperationrequest": is_central_authority_of_its_party,
    "cooperation.add_reply": is_central_authority_of_its_party,
    "cooperation.change_asset": is_officer_of_its_requesting_body
    | is_central_authority_of_its_party,
    "cooperation.add_noncooperationstep": is_officer_of_its_requesting_body,
    "cooperation.view_personconcerned": is_officer_of_its_requesting_body,
    "cooperation.add_personconcerned": is_officer_of_its_requesting_body,
    "cooperation.add_matchdecision": is_officer_of_its_requesting_body,
    "cooperation.view_reading": is_officer_of_its_requesting_body,
    # Indicators: the secretariat defines them and their targets, approves figures and locks
    # periods; a party's focal points and the responsible body enter figures, which wait for
    # approval. Approved figures are public.
    "indicators.add_indicator": is_secretariat_of_its_indicator,
    "indicators.change_indicator": is_secretariat_of_its_indicator,
    "indicators.change_target": is_secretariat_of_its_indicator,
    "indicators.enter_value": is_secretariat_of_its_indicator
    | is_focal_point_of_its_values_party
    | is_responsible_body_of_its_indicator,
    "indicators.view_unapproved_value": is_secretariat_of_its_indicator
    | is_focal_point_of_its_values_party
    | is_responsible_body_of_its_indicator,
    "indicators.approve_value": is_secretariat_of_its_indicator,
    "indicators.lock_period": is_secretariat_of_its_indicator,
    "indicators.import_values": is_secretariat_of_its_indicator,
}
for _model in REGISTRY_MODELS:
    for _action in ("view", "add", "change", "delete"):
        if _action == "view":
            _predicate = is_secretariat
        elif _model not in INSTRUMENT_SCOPED:
            # Parties, groups, bodies and citations are shared by every instrument.
            _predicate = is_secretariat_of_everything
        elif _action == "add":
            _predicate = is_secretariat
        else:
            _predicate = is_secretariat_of
        PERMISSIONS[f"registry.{_action}_{_model}"] = _predicate
# Parties and bodies are shared by every record of every app, some of which the secretariat may
# not know exist (cooperation requests): they are never deleted, so that no delete page lists
# what protects them.
PERMISSIONS["registry.delete_party"] = rules.always_deny
PERMISSIONS["registry.delete_body"] = rules.always_deny
# The admin screens for roles, tokens and invitations: secretariat reads; roles are granted and
# ended through their own pages, so that every grant passes through role_grant.
for _model in ("role", "apitoken", "invitation"):
    PERMISSIONS.setdefault(f"accounts.view_{_model}", is_secretariat)

# Resources (contributions, partners, modalities) have their rules in their own module, which
# builds on the predicates above.
from concord.accounts.rules_resources import RESOURCE_PERMISSIONS  # noqa: E402

PERMISSIONS.update(RESOURCE_PERMISSIONS)

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
