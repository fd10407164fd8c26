"""The demo's worked example of implementation reporting, played by the demo accounts.

Seed 000 describes how the ADB/OECD Initiative follows up its Action Plan: a stocktaking of the
endorsing countries' legal and institutional frameworks (paragraphs 11 to 13), updated over time
and used as the benchmark (paragraph 28), country reform projects reviewed by the Steering Group at
midterm and at the end (paragraphs 25 and 26), needing donor support (paragraph 24). Seed 004's
Addendum recommends actions to the OSCE participating States. The example reports on both:

- the Action Plan's stocktaking of 2003 (published: the benchmark) and a self-assessment of
  2026 in which each endorsing country stands at another step (draft carried forward, submitted,
  returned after review, accepted, published);
- a periodic report of 2026 on the Addendum's recommended actions by the four participating
  States whose statements the seed records, each at another step;
- a review with recommendations, their follow-up, a planned action answering them, and a reform
  project needing donor support with its midterm review.

The questions are the subjects seed 000 names; the answers, dates of work and statuses are
invented, and the example says so on every page it shows (the cycles' names end in "(demo)").
Everything is written through the reporting services, as the accounts it names, so the audit
trail shows who did what. It is created once: a later ``demo load`` leaves it as people left it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from concord.accounts.models import Role, RoleKind
from concord.accounts.rules import forget_roles
from concord.accounts.services import role_grant
from concord.registry.models import Body, Instrument, Party, ProvisionKind
from concord.reporting import recommending, reviewing, services
from concord.reporting.answers import AnswerType
from concord.reporting.carry import carry_forward
from concord.reporting.models import ReportingCycle, SubmissionStatus
from concord.reporting.planning import ActionContent, action_create, action_publish
from concord.reporting.projects import (
    ProjectContent,
    SupportNeedSpec,
    project_create,
    project_publish,
    project_review,
)

ACTION_PLAN = "Anti-Corruption Action Plan for Asia-Pacific"
ADDENDUM = "Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings"
DEMO = " (demo)"

# The stocktaking's subjects, as seed 000 paragraphs 11 to 13 name them.
ADB_QUESTIONS = [
    {"text": "Codes of conduct for public officials", "answer_type": AnswerType.STATUS},
    {"text": "Criminalization of every form of corruption", "answer_type": AnswerType.STATUS},
    {"text": "Measures against money laundering", "answer_type": AnswerType.STATUS},
    {
        "text": "Collaboration with civil society (awareness raising, public scrutiny, "
        "input to legal drafting)",
        "answer_type": AnswerType.STATUS,
    },
    {
        "text": "Is there a specialized anti-corruption agency or coordinating unit?",
        "answer_type": AnswerType.YES_NO,
    },
    {
        "text": "Law enforcement officials trained in the period",
        "answer_type": AnswerType.NUMBER,
        "unit": "officials",
    },
]
STATUSES = ["not_started", "partially", "largely", "fully"]


@dataclass(frozen=True)
class Plan:
    """Where one party's submission stands at the end of the example."""

    party: str
    status: str
    progress: int  # how far along the status scale its answers are (0 to 3)


STOCKTAKING = [
    Plan(code, SubmissionStatus.PUBLISHED, n % 3)
    for n, code in enumerate(["IDN", "MNG", "PHL", "PAK", "KGZ"])
]
SELF_ASSESSMENT = [
    Plan("IDN", SubmissionStatus.DRAFT, 1),
    Plan("MNG", SubmissionStatus.SUBMITTED, 2),
    Plan("PHL", SubmissionStatus.RETURNED, 1),
    Plan("PAK", SubmissionStatus.ACCEPTED, 2),
    Plan("KGZ", SubmissionStatus.PUBLISHED, 3),
]
OSCE_REPORT = [
    Plan("ARM", SubmissionStatus.DRAFT, 1),
    Plan("AZE", SubmissionStatus.RETURNED, 1),
    Plan("RUS", SubmissionStatus.SUBMITTED, 2),
    Plan("VAT", SubmissionStatus.PUBLISHED, 3),
]
REVIEWED = ("PHL", "AZE", "MNG", "PAK")  # the demo reviewer's parties in the example


def account(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def load_reporting_example(*, stdout: IO[str] | Any) -> bool:
    """Create the example once; return False (and say why) when it is there or cannot be."""
    action_plan = Instrument.objects.filter(title=ACTION_PLAN).first()
    addendum = Instrument.objects.filter(title__startswith=ADDENDUM).first()
    if action_plan is None or addendum is None:
        stdout.write(_("Reporting example: skipped, seeds 000 and 004 are not loaded."))
        return False
    if ReportingCycle.objects.filter(
        instrument__in=[action_plan, addendum], name__endswith=DEMO
    ).exists():
        stdout.write(_("Reporting example: already there, left as it is."))
        return False
    with transaction.atomic():
        _reviewer_roles()
        _adb_cycles(action_plan)
        _osce_cycle(addendum)
    stdout.write(
        _(
            "Reporting example: a stocktaking and a self-assessment of the ADB/OECD Action "
            "Plan, a periodic report on the OSCE Addendum (see docs/demo.md)."
        )
    )
    return True


def _reviewer_roles() -> None:
    """Give the demo reviewer the parties it reviews in the example, granted by the secretariat."""
    reviewer = account("reviewer")
    for code in REVIEWED:
        party = Party.objects.get(code=code)
        if not Role.objects.active().filter(user=reviewer, kind=RoleKind.REVIEWER, party=party):
            role_grant(
                granted_by=account("secretariat"),
                user=reviewer,
                kind=RoleKind.REVIEWER,
                party=party,
                note=_("Demo account"),
            )
    forget_roles(reviewer)


def _open(instrument: Instrument, questions: list[dict], parties: list[Plan], **cycle) -> Any:
    return services.cycle_open(
        user=account("secretariat"),
        instrument=instrument,
        parties=Party.objects.filter(code__in=[plan.party for plan in parties]),
        free_questions=questions,
        **cycle,
    )


def _answer(question, progress: int, index: int) -> Any:
    if question.answer_type == AnswerType.STATUS:
        return STATUSES[min(3, max(0, progress + (index % 3) - 1))]
    if question.answer_type == AnswerType.YES_NO:
        return progress >= 2
    if question.answer_type == AnswerType.NUMBER:
        return 40 * (progress + 1) + 5 * index
    return None


def _fill(cycle: ReportingCycle, plan: Plan) -> Any:
    focal = account(f"focal-{plan.party}")
    party = Party.objects.get(code=plan.party)
    submission = services.submission_get_or_start(cycle=cycle, party=party, user=focal)
    answers = {}
    for index, question in enumerate(cycle.questions.select_related("provision")):
        value = _answer(question, plan.progress, index)
        if value is not None:
            answers[question.key] = value
    return services.answers_save(
        submission=submission, answers=answers, expected_version=submission.version, user=focal
    )


def _move(submission, plan: Plan, review: Callable[[Any], None] | None = None) -> Any:
    """Take a filled draft to the plan's status, each step by the role that takes it.

    ``review`` is called with the submitted submission before it is returned.
    """
    steps = {
        SubmissionStatus.DRAFT: [],
        SubmissionStatus.SUBMITTED: [("focal", SubmissionStatus.SUBMITTED)],
        SubmissionStatus.RETURNED: [
            ("focal", SubmissionStatus.SUBMITTED),
            ("reviewer", SubmissionStatus.RETURNED),
        ],
        SubmissionStatus.ACCEPTED: [
            ("focal", SubmissionStatus.SUBMITTED),
            ("secretariat", SubmissionStatus.ACCEPTED),
        ],
        SubmissionStatus.PUBLISHED: [
            ("focal", SubmissionStatus.SUBMITTED),
            ("secretariat", SubmissionStatus.ACCEPTED),
            ("secretariat", SubmissionStatus.PUBLISHED),
        ],
    }[plan.status]
    for who, target in steps:
        if target == SubmissionStatus.RETURNED and review is not None:
            review(submission)
        user = account(f"focal-{plan.party}" if who == "focal" else who)
        submission = services.submission_transition(submission=submission, target=target, user=user)
    return submission


def _at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)


def _adb_cycles(action_plan: Instrument) -> None:
    stocktaking = _open(
        action_plan,
        ADB_QUESTIONS,
        STOCKTAKING,
        name="Stocktaking 2003" + DEMO,
        phase="stocktaking",
        period_start=dt.date(2002, 1, 1),
        period_end=dt.date(2003, 6, 30),
        opens_on=dt.date(2003, 7, 1),
        deadline=dt.date(2003, 10, 31),
    )
    for plan in STOCKTAKING:
        _move(_fill(stocktaking, plan), plan)
    # Handed in, accepted and published back then, not on the day the demo was loaded.
    for submission in stocktaking.submissions.all():
        submission.submitted_at = _at(2003, 10, 15)
        submission.accepted_at = _at(2003, 12, 5)
        submission.published_at = _at(2004, 7, 1)
        submission._history_user = account("secretariat")
        submission._change_reason = "Dates of the 2003 stocktaking (demo)"
        submission.save(update_fields=["submitted_at", "accepted_at", "published_at"])
    assessment = _open(
        action_plan,
        ADB_QUESTIONS,
        SELF_ASSESSMENT,
        name="Self-assessment 2026" + DEMO,
        phase="self_assessment",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2025, 12, 31),
        opens_on=dt.date(2026, 10, 1),
        deadline=dt.date(2027, 1, 29),
    )
    for plan in SELF_ASSESSMENT:
        if plan.status == SubmissionStatus.DRAFT:
            _carry(assessment, stocktaking, plan)
        else:
            _move(_fill(assessment, plan), plan, review=_review_philippines)
    _follow_up_philippines(stocktaking, assessment)
    _mongolian_project(action_plan)


def _osce_cycle(addendum: Instrument) -> None:
    osce = Body.objects.filter(code="osce").first()
    if osce is not None and not osce.time_zone:
        osce.time_zone = "Europe/Vienna"
        osce.save(update_fields=["time_zone"])
    report = services.cycle_open(
        user=account("secretariat"),
        instrument=addendum,
        parties=Party.objects.filter(code__in=[plan.party for plan in OSCE_REPORT]),
        provisions=addendum.provisions.filter(kind=ProvisionKind.RECOMMENDED_ACTION),
        name="Periodic report 2026" + DEMO,
        phase="periodic_report",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2025, 12, 31),
        opens_on=dt.date(2026, 9, 1),
        deadline=dt.date(2026, 12, 15),
    )
    for plan in OSCE_REPORT:
        _move(_fill(report, plan), plan, review=_review_azerbaijan)


def _carry(cycle: ReportingCycle, earlier: ReportingCycle, plan: Plan) -> None:
    """Start the party's draft from its stocktaking answers: updated, not retyped."""
    party = Party.objects.get(code=plan.party)
    carry_forward(cycle=cycle, party=party, from_cycle=earlier, user=account(f"focal-{plan.party}"))


def _status_keys(submission) -> list[str]:
    return [
        q.key
        for q in submission.cycle.questions.select_related("provision")
        if q.answer_type == AnswerType.STATUS
    ]


def _review_philippines(submission) -> None:
    """The reviewer's review of the Philippines' self-assessment, and a recommendation."""
    reviewer = account("reviewer")
    conduct, criminalization = _status_keys(submission)[:2]
    review = reviewing.review_create(
        submission=submission,
        user=reviewer,
        rating="partially",
        comment="The code of conduct is drafted but not adopted; please report its status "
        "and attach the draft.",
        items={
            conduct: {"rating": "partially", "comment": "Draft only: not yet in force."},
            criminalization: {
                "comment": "Ask the Steering Group whether the 2025 amendments cover "
                "bribery of foreign officials.",
                "internal": True,
            },
        },
    )
    recommending.recommendation_issue(
        cycle=submission.cycle,
        party=submission.party,
        user=reviewer,
        review=review,
        text="Strengthen capacity in forensic accounting and whistle-blower protection.",
        priority="medium",
        due_date=dt.date(2027, 12, 31),
    )


def _review_azerbaijan(submission) -> None:
    """The reviewer's review of Azerbaijan's periodic report, and a recommendation."""
    reviewer = account("reviewer")
    key = "IV.s1.2.1"
    review = reviewing.review_create(
        submission=submission,
        user=reviewer,
        comment="Please describe how victims are given access to assistance.",
        items={key: {"rating": "partially", "comment": "No figures are given."}},
    )
    recommending.recommendation_issue(
        cycle=submission.cycle,
        party=submission.party,
        user=reviewer,
        review=review,
        text="Report the number of identified victims given access to assistance each year.",
        provisions=submission.cycle.provisions.filter(ref=key),
        priority="high",
        due_date=dt.date(2027, 6, 30),
    )


def _follow_up_philippines(stocktaking: ReportingCycle, assessment: ReportingCycle) -> None:
    """A published stocktaking recommendation, followed up in 2026, and the action planned."""
    secretariat, focal = account("secretariat"), account("focal-PHL")
    philippines = Party.objects.get(code="PHL")
    earlier = recommending.recommendation_issue(
        cycle=stocktaking,
        party=philippines,
        user=secretariat,
        text="Adopt a code of conduct for public officials and an office to apply it.",
        priority="high",
        due_date=dt.date(2005, 12, 31),
    )
    recommending.recommendation_publish(recommendation=earlier, user=secretariat)
    recommending.recommendation_follow_up(
        recommendation=earlier,
        user=focal,
        cycle=assessment,
        status="in_progress",
        response="A draft code is before the civil service commission.",
    )
    later = assessment.recommendations.get(party=philippines)
    action = action_create(
        user=focal,
        party=philippines,
        instrument=stocktaking.instrument,
        content=ActionContent(
            title="Adopt the code of conduct and train the ethics officers who apply it",
            lead_institution="Civil service commission (demo)",
            partners="Ombudsman (demo)",
            due_date=dt.date(2027, 9, 30),
            status="in_progress",
            indicators="Code in force; ethics officers trained",
            recommendations=[earlier, later],
        ),
    )
    action_publish(action=action, user=focal)


def _mongolian_project(action_plan: Instrument) -> None:
    """A reform project of seed 000 paragraph 10's kind, needing donor support, under review."""
    focal = account("focal-MNG")
    project = project_create(
        user=focal,
        party=Party.objects.get(code="MNG"),
        instrument=action_plan,
        content=ProjectContent(
            title="Amending the anti-corruption law and training law enforcement agencies",
            priority_area="Criminalization and law enforcement capacity",
            objectives="Criminalize every form of corruption the stocktaking found missing, "
            "and train investigators and prosecutors to apply the amended law.",
            responsible_agency="Independent Authority Against Corruption",
            means="Drafting group with the Ministry of Justice; training seminars.",
            outcomes="Amended law in force; 300 officials trained.",
            impacts="More corruption cases investigated and prosecuted.",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            support_needs=[
                SupportNeedSpec(
                    kind="technical", description="Legal drafting advice on criminalization."
                ),
                SupportNeedSpec(
                    kind="financial",
                    description="Training seminars.",
                    amount=Decimal("250000"),
                    currency="USD",
                ),
            ],
        ),
    )
    project_publish(project=project, user=focal)
    project_review(
        project=project,
        user=account("secretariat"),
        stage="midterm",
        rating="partially",
        assessment="The draft amendments are ready; training has not started for want of funds.",
        reviewed_on=dt.date(2026, 11, 20),
    )
