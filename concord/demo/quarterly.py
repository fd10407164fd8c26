"""The demo's quarterly reports on Resolution 19 (seed 001), by the ministry responsible.

Seed 001 (lines 332-334): along with Resolution 19's four tasks "are an array of measures
identified for each ministry, together with a quarterly reporting mechanism specifically led
by the Ministry of Planning and Investment". The seed names no ministry for each task, so the
five indicators of the tasks keep the Ministry of Planning and Investment as the body that
reports them (``concord/demo/indicators.py``), and its demo account, ``ministry``, answers
them.

The example opens, as the ``secretariat`` account, the four quarterly cycles of 2026 on
Resolution 19 of 2014 for Viet Nam (``reporting.quarterly``). In the third quarter's, the
ministry gives the five figures and Viet Nam's focal point (``focal-VNM``, made here when the
demo accounts have none) submits them: they wait for the secretariat's approval on the
indicators' pages. The figures are invented and say so (each answer's note; the cycles' names
end in "(demo)"). Created once: a later ``demo load`` leaves it as people left it.
"""

from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from concord.accounts.demo import PASSWORD, DemoRefused
from concord.accounts.models import Role, RoleKind
from concord.accounts.rules import forget_roles
from concord.accounts.services import role_grant
from concord.demo.indicator_specs import (
    R19_ELECTRICITY,
    R19_EXPORTS,
    R19_IMPORTS,
    R19_START,
    R19_TAXES,
)
from concord.indicators.models import Indicator
from concord.registry.models import Instrument, Party
from concord.reporting import services
from concord.reporting.models import ReportingCycle, SubmissionStatus
from concord.reporting.quarterly import quarterly_cycles_open

RESOLUTION = "Resolution 19 of 2014"
YEAR = 2026
QUARTER = f"{YEAR}-Q3"
DEMO = " (demo)"
FOCAL_POINT = "focal-VNM"
MINISTRY = "ministry"
NOTE = "Invented for the demo."
# The third quarter's figures the ministry gives (invented).
FIGURES = {
    R19_START: Decimal("8"),
    R19_TAXES: Decimal("168"),
    R19_ELECTRICITY: Decimal("42"),
    R19_EXPORTS: Decimal("12.5"),
    R19_IMPORTS: Decimal("11"),
}


def load_quarterly_example(*, stdout: IO[str] | Any) -> bool:
    """Create the example once; return False (and say why) when it is there or cannot be."""
    resolution = Instrument.objects.filter(title=RESOLUTION).first()
    indicators = Indicator.objects.filter(code__in=FIGURES, instrument=resolution)
    if resolution is None or indicators.count() != len(FIGURES):
        stdout.write(
            _("Quarterly example: skipped, seed 001 and its indicators example are not loaded.")
        )
        return False
    User = get_user_model()
    if User.objects.filter(username__in=["secretariat", MINISTRY]).count() != 2:
        stdout.write(_("Quarterly example: skipped, the demo accounts are not created."))
        return False
    if ReportingCycle.objects.filter(instrument=resolution, name__endswith=DEMO).exists():
        stdout.write(_("Quarterly example: already there, left as it is."))
        return False
    with transaction.atomic():
        cycles = quarterly_cycles_open(
            user=User.objects.get(username="secretariat"),
            instrument=resolution,
            year=YEAR,
            suffix=DEMO,
        )
        third = next(done.cycle for done in cycles if done.cycle.indicator_period.code == QUARTER)
        _report(third)
    stdout.write(
        _(
            "Quarterly example: the four quarterly cycles of %(year)s on Resolution 19, the "
            "ministry's figures for %(quarter)s submitted and waiting for approval."
        )
        % {"year": YEAR, "quarter": QUARTER}
    )
    return True


def _report(cycle: ReportingCycle) -> None:
    """The ministry answers its figures; Viet Nam's focal point submits them."""
    User = get_user_model()
    ministry, focal = User.objects.get(username=MINISTRY), _focal_point()
    viet_nam = Party.objects.get(code="VNM")
    submission = services.submission_get_or_start(cycle=cycle, party=viet_nam, user=ministry)
    questions = cycle.questions.select_related("indicator").filter(indicator__code__in=FIGURES)
    answers = {q.key: {"value": float(FIGURES[q.indicator.code]), "note": NOTE} for q in questions}
    submission = services.answers_save(
        submission=submission, answers=answers, expected_version=submission.version, user=ministry
    )
    services.submission_transition(
        submission=submission, target=SubmissionStatus.SUBMITTED, user=focal
    )


def _focal_point() -> Any:
    """Viet Nam's demo focal point, made (as the other demo accounts are) when there is none."""
    if not settings.DEBUG:
        raise DemoRefused(_("Demo accounts are refused in production (DEBUG is off)."))
    User = get_user_model()
    viet_nam = Party.objects.get(code="VNM")
    user = User.objects.filter(username=FOCAL_POINT).first()
    if user is None:
        user = User(username=FOCAL_POINT, email=f"{FOCAL_POINT}@demo.invalid")
        user.set_password(PASSWORD)
        user.save()
    if not Role.objects.active().filter(user=user, kind=RoleKind.FOCAL_POINT, party=viet_nam):
        role_grant(
            granted_by=User.objects.get(username="secretariat"),
            user=user,
            kind=RoleKind.FOCAL_POINT,
            party=viet_nam,
            note=_("Demo account"),
        )
    forget_roles(user)
    return user
