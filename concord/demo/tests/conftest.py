"""The demo loaded once per test module, inside a transaction each test rolls back to."""

import pytest
from django.db import transaction

from concord.demo.services import demo_load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the real seeds once for the module; every test's own changes are rolled back."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            report = demo_load()
            assert not report.problem, report.problem
            assert not report.failed and not report.missing, [
                o.message for o in report.outcomes if o.message
            ]
            yield report
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
