"""The demo's quarterly reports on Resolution 19, on the real seeds."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from concord.accounts.demo import create_demo_accounts
from concord.demo.indicator_specs import CODES
from concord.demo.indicators import load_indicator_example
from concord.demo.quarterly import load_quarterly_example
from concord.demo.services import demo_load
from concord.indicators.models import Approval, Value
from concord.reporting.models import ReportingCycle, SubmissionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The seeds, the demo accounts, the indicators example and the quarterly one, once."""
    from django.conf import settings

    debug, settings.DEBUG = settings.DEBUG, True
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            report = demo_load()
            assert not report.problem and not report.failed, report.problem
            create_demo_accounts(stdout=StringIO())
            assert load_indicator_example(StringIO())
            out = StringIO()
            assert load_quarterly_example(stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            settings.DEBUG = debug


def test_the_four_quarters_of_2026_are_open_on_resolution_19_for_viet_nam(loaded):
    assert "2026-Q3 submitted and waiting for approval" in loaded
    cycles = ReportingCycle.objects.filter(instrument__title="Resolution 19 of 2014").order_by(
        "period_start"
    )
    assert [c.name for c in cycles] == [f"Quarterly report 2026-Q{n} (demo)" for n in range(1, 5)]
    for cycle in cycles:
        assert list(cycle.parties.values_list("code", flat=True)) == ["VNM"]
        asked = set(cycle.questions.values_list("indicator__code", flat=True))
        assert asked == {code for code in CODES if code.startswith("r19-")}
        assert set(cycle.questions.values_list("indicator__responsible_body__code", flat=True)) == {
            "vnm-mpi"
        }


def test_the_ministrys_third_quarter_figures_wait_for_approval(loaded):
    third = ReportingCycle.objects.get(indicator_period__code="2026-Q3")
    submission = third.submissions.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    figures = Value.objects.filter(period__code="2026-Q3").select_related("entered_by")
    assert figures.count() == 5
    for figure in figures:
        assert (figure.approval, figure.entered_by.username) == (Approval.PENDING, "ministry")
        assert figure.note == "Invented for the demo."
        assert "(demo), reporting cycle" in figure.source


def test_the_ministry_account_reads_its_figures_and_a_second_load_changes_nothing(loaded):
    third = ReportingCycle.objects.get(indicator_period__code="2026-Q3")
    client = Client()
    client.force_login(
        get_user_model().objects.get(username="ministry"),
        backend="concord.accounts.backends.PasswordBackend",
    )
    page = client.get(f"/reporting/cycles/{third.pk}/parties/VNM")
    assert page.status_code == 200
    assert "Time to start a business" in page.content.decode()
    out = StringIO()
    assert not load_quarterly_example(stdout=out)
    assert "already there" in out.getvalue()
    assert ReportingCycle.objects.filter(name__startswith="Quarterly report").count() == 4
