"""Writes to reporting: each checks its rule, runs in a transaction and leaves a history record."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concord.indicators.models import Indicator, Period, Unit
from concord.registry.models import Instrument, Party, Provision
from concord.reporting import figures
from concord.reporting.answers import AnswerType, Scale, check_answer
from concord.reporting.models import (
    EDITABLE,
    SUBMISSION_GRAPH,
    Answer,
    Question,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)
from concord.reporting.notices import ANNOUNCED
from concord.reporting.tasks import submission_notify

TRANSITION_PERMISSIONS = {
    SubmissionStatus.SUBMITTED: "reporting.submit_submission",
    SubmissionStatus.RETURNED: "reporting.review_submission",
    SubmissionStatus.ACCEPTED: "reporting.review_submission",
    SubmissionStatus.PUBLISHED: "reporting.publish_submission",
}


class StaleVersion(Exception):
    """A save based on a version of a submission that someone else has changed since."""

    def __init__(self, current: int) -> None:
        super().__init__(current)
        self.current = current


@transaction.atomic
def cycle_create(
    *,
    user,
    instrument: Instrument,
    name: str,
    phase: str,
    opens_on: dt.date,
    deadline: dt.date,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    parties: Iterable[Party] = (),
    provisions: Iterable[Provision] = (),
    indicator_period: Period | None = None,
) -> ReportingCycle:
    """Open a reporting cycle on ``instrument`` (its secretariat only).

    With an ``indicator_period`` (whose figures the cycle collects), the period covered is that
    period's: the dates may be left out, and dates that differ are refused.
    """
    if not user.has_perm("reporting.add_reportingcycle", instrument):
        raise PermissionDenied
    if indicator_period is not None:
        period_start = period_start or indicator_period.starts_on
        period_end = period_end or indicator_period.ends_on
    missing = {
        field: _("Give the period covered, or the indicator period whose figures are collected.")
        for field, value in (("period_start", period_start), ("period_end", period_end))
        if value is None
    }
    if missing:
        raise ValidationError(missing)
    provisions = list(provisions)
    foreign = [p.ref for p in provisions if p.instrument_id != instrument.pk]
    if foreign:
        raise ValidationError(
            {
                "provisions": _("Not provisions of this instrument: %(refs)s.")
                % {"refs": ", ".join(foreign)}
            }
        )
    cycle = ReportingCycle(
        instrument=instrument,
        name=name,
        phase=phase,
        period_start=period_start,
        period_end=period_end,
        opens_on=opens_on,
        deadline=deadline,
        indicator_period=indicator_period,
    )
    cycle.full_clean()
    cycle._history_user = user
    cycle.save()
    cycle.parties.set(parties)
    cycle.provisions.set(provisions)
    return cycle


def _free_question(spec: Mapping[str, Any], index: int) -> Question:
    field = f"questions.{index}"
    text = str(spec.get("text") or "").strip()
    answer_type = spec.get("answer_type")
    scale = spec.get("scale") or ""
    if not text:
        raise ValidationError({f"{field}.text": _("A free question needs its text.")})
    if answer_type not in AnswerType.values:
        raise ValidationError({f"{field}.answer_type": _("Not an answer type.")})
    if answer_type == AnswerType.STATUS:
        scale = scale or Scale.IMPLEMENTATION
        if scale not in Scale.values:
            raise ValidationError({f"{field}.scale": _("Not a scale.")})
    else:
        scale = ""
    unit = str(spec.get("unit") or "") if answer_type == AnswerType.NUMBER else ""
    return Question(text=text, answer_type=answer_type, scale=scale, unit=unit)


def _indicator_questions(cycle: ReportingCycle, indicators: Sequence[Indicator]) -> list[Question]:
    """One question per indicator, asking the party's figure for the cycle's indicator period."""
    if not indicators:
        return []
    if cycle.indicator_period_id is None:
        raise ValidationError(
            {
                "indicators": _(
                    "A cycle asks for figures only for an indicator period: give the period "
                    "(indicator_period), e.g. 2026-Q4."
                )
            }
        )
    foreign = sorted(i.code for i in indicators if i.instrument_id != cycle.instrument_id)
    if foreign:
        raise ValidationError(
            {
                "indicators": _("Not indicators of this instrument: %(codes)s.")
                % {"codes": ", ".join(foreign)}
            }
        )
    with translation.override(settings.LANGUAGE_CODE):
        return [
            Question(
                indicator=indicator,
                text=indicator.name,
                answer_type=AnswerType.NUMBER,
                unit=str(Unit(indicator.unit).label),
            )
            for indicator in indicators
        ]


def _question_place(question: Question) -> tuple:
    """Where a question stands: provisions in document order, then the indicators grouped by
    the body responsible for them, then the free questions as given."""
    if question.provision_id:
        return (0, question.provision.seq, "", "")
    if question.indicator_id:
        body = question.indicator.responsible_body
        return (1, 0, body.name if body else "", question.indicator.code)
    return (2, 0, "", "")


@transaction.atomic
def questionnaire_build(
    *,
    cycle: ReportingCycle,
    user,
    free_questions: Sequence[Mapping[str, Any]] = (),
    scale: str = Scale.IMPLEMENTATION,
    indicators: Sequence[Indicator] = (),
) -> list[Question]:
    """Give the cycle one status question per provision in scope, then one per indicator, then
    the free questions.

    Idempotent: a provision, an indicator or a free question (same text) already asked is not
    asked again; the provisions' questions come first, in document order, the indicators' next,
    grouped by the body responsible for them, and the free ones last, as given.
    """
    if not user.has_perm("reporting.change_reportingcycle", cycle):
        raise PermissionDenied
    if scale not in Scale.values:
        raise ValidationError({"scale": _("Not a scale.")})
    wanted = [_free_question(spec, i) for i, spec in enumerate(free_questions)]
    locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    existing = list(locked.questions.select_related("provision", "indicator__responsible_body"))
    measured = {q.indicator_id for q in existing if q.indicator_id}
    for question in _indicator_questions(locked, [i for i in indicators if i.pk not in measured]):
        question.cycle = locked
        measured.add(question.indicator_id)
        existing.append(question)
    asked = {q.provision_id for q in existing if q.provision_id}
    free_texts = {q.text for q in existing if not q.provision_id}
    for provision in locked.provisions.order_by("seq"):
        if provision.pk not in asked:
            existing.append(
                Question(
                    cycle=locked,
                    provision=provision,
                    answer_type=AnswerType.STATUS,
                    scale=scale,
                )
            )
    for question in wanted:
        if question.text not in free_texts:
            free_texts.add(question.text)
            question.cycle = locked
            existing.append(question)
    existing.sort(key=_question_place)
    for order, question in enumerate(existing, start=1):
        if question.pk is None or question.order != order:
            question.order = order
            question._history_user = user
            question.save()
    return existing


@transaction.atomic
def cycle_open(
    *,
    user,
    free_questions: Sequence[Mapping[str, Any]] = (),
    scale: str = Scale.IMPLEMENTATION,
    indicators: Sequence[Indicator] = (),
    **cycle: Any,
) -> ReportingCycle:
    """Open a cycle and build its questionnaire, both or neither (see ``cycle_create``)."""
    opened = cycle_create(user=user, **cycle)
    questionnaire_build(
        cycle=opened, user=user, free_questions=free_questions, scale=scale, indicators=indicators
    )
    return opened


def _check_party(cycle: ReportingCycle, party: Party) -> None:
    if not cycle.parties.filter(pk=party.pk).exists():
        raise ValidationError({"party": _("This party does not report in this cycle.")})


@transaction.atomic
def submission_get_or_start(*, cycle: ReportingCycle, party: Party, user) -> Submission:
    """Return the party's submission to the cycle, starting an empty draft if it has none.

    Whoever may answer some of its questions starts it: the party's focal points, or a body
    responsible for an indicator the cycle asks the figure of.
    """
    submission = Submission.objects.filter(cycle=cycle, party=party).first()
    if submission is not None:
        return submission
    if not user.has_perm("reporting.answer_submission", Submission(cycle=cycle, party=party)):
        raise PermissionDenied
    _check_party(cycle, party)
    submission = Submission(cycle=cycle, party=party)
    submission._history_user = user
    submission.save()
    return submission


def _split(raw: Any) -> tuple[Any, str | None]:
    """Read an answer given as a bare value or as ``{"value": ..., "note": ...}``."""
    if isinstance(raw, dict) and set(raw) <= {"value", "note"}:
        note = raw.get("note")
        return raw.get("value"), None if note is None else str(note)
    return raw, None


@transaction.atomic
def answers_save(
    *, submission: Submission, answers: Mapping[str, Any], expected_version: int, user
) -> Submission:
    """Store answers keyed by provision reference or ``q<question id>``; ``None`` clears one.

    Only a focal point of the party, or, for the questions on its indicators only, the body
    responsible for them (``reporting.change_answer``); only while the submission is a draft or
    returned. A save based on a version other than the stored one raises StaleVersion and
    changes nothing; a bad key or value raises ValidationError naming ``answers.<key>`` and
    changes nothing either; an answer the caller may not give raises PermissionDenied (its
    message names the keys) and changes nothing.
    """
    if not user.has_perm("reporting.answer_submission", submission):
        raise PermissionDenied
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status not in EDITABLE:
        raise ValidationError(
            {
                "status": _("A submission that is “%(status)s” cannot be edited.")
                % {"status": locked.get_status_display()}
            }
        )
    if locked.version != expected_version:
        raise StaleVersion(locked.version)
    questions = {q.key: q for q in locked.cycle.questions.select_related("provision", "indicator")}
    answerable = figures.answerable_questions(user, locked)
    errors: dict[str, list[str]] = {}
    checked = []
    for key, raw in answers.items():
        question = questions.get(key)
        if question is None:
            errors[f"answers.{key}"] = [_("No question with this key in the questionnaire.")]
            continue
        value, note = _split(raw)
        if note is not None and "\x00" in note:
            errors[f"answers.{key}"] = [_("A note cannot hold NUL characters.")]
            continue
        if value is not None:
            try:
                value = check_answer(question.answer_type, question.scale, value)
                if question.indicator_id:
                    figures.check_figure(value)
            except ValidationError as exc:
                errors[f"answers.{key}"] = exc.messages
                continue
        checked.append((question, value, note))
    refused = sorted(
        q.key for q, _v, _n in checked if answerable is not None and q.pk not in answerable
    )
    if refused:
        raise PermissionDenied(
            _("You answer only the figures of the indicators your body reports; not: %(keys)s.")
            % {"keys": ", ".join(refused)}
        )
    if errors:
        raise ValidationError(errors)
    stored = {a.question_id: a for a in locked.answers.all()}
    for question, value, note in checked:
        answer = stored.get(question.pk)
        if value is None:
            if answer is not None:
                answer._history_user = user
                answer.delete()
            continue
        answer = answer or Answer(submission=locked, question=question)
        answer.value = value
        if note is not None:
            answer.note = note
        answer.answered_by = user
        answer._history_user = user
        answer.save()
    locked.version += 1
    locked._history_user = user
    locked.save(update_fields=["version"])
    return locked


@transaction.atomic
def submission_transition(
    *, submission: Submission, target: str, user, comment: str = ""
) -> Submission:
    """Move a submission along its lifecycle, as the role that may make that move.

    Submitting is the party's focal points'; returning and accepting its reviewers' or the
    instrument's secretariat's; publishing the secretariat's. ``comment`` is kept with the
    history record as the reason for the change. The party's focal points are told of a return,
    an acceptance or a publication by e-mail, once the move is committed. The answers to
    questions on indicators become the party's figures when submitted, approved when accepted
    and returned when returned (``figures.py``), in the same transaction.
    """
    permission = TRANSITION_PERMISSIONS.get(target)
    if permission is None or not user.has_perm(permission, submission):
        raise PermissionDenied
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    SUBMISSION_GRAPH.check(locked.status, target)
    locked.status = target
    now = timezone.now()
    if target == SubmissionStatus.SUBMITTED:
        locked.submitted_at = now
    elif target == SubmissionStatus.ACCEPTED:
        locked.accepted_at = now
    elif target == SubmissionStatus.PUBLISHED:
        locked.published_at = now
    locked.version += 1
    locked._history_user = user
    locked._change_reason = comment[:100]
    locked.save()
    if target == SubmissionStatus.SUBMITTED:
        figures.figures_enter(submission=locked, user=user)
    elif target in (SubmissionStatus.ACCEPTED, SubmissionStatus.RETURNED):
        figures.figures_review(
            submission=locked,
            user=user,
            approve=target == SubmissionStatus.ACCEPTED,
            comment=comment,
        )
    if target in ANNOUNCED:
        notice = (locked.pk, str(target), locked.version, comment[:100])
        transaction.on_commit(lambda: submission_notify.enqueue(*notice))
    return locked
