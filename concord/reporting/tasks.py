"""Background tasks of reporting, run by the task worker (``concord db_worker``).

Each takes ids, not models, and calls the notices module; each may run twice without sending an
e-mail twice (see ``concord.reporting.notices``).
"""

from django_tasks import task

from concord.reporting import notices


@task()
def submission_notify(submission_id: int, status: str, version: int, comment: str = "") -> int:
    """Tell the party's focal points that its submission was returned, accepted or published."""
    return notices.submission_notices_send(
        submission_id=submission_id, status=status, version=version, comment=comment
    )


@task()
def deadline_remind(kind: str, cycle_id: int, party_id: int) -> int:
    """Remind the party's focal points of a deadline near or passed, unless handed in since."""
    return notices.reminder_send(kind=kind, cycle_id=cycle_id, party_id=party_id)


@task()
def notices_resend() -> int:
    """Send the notices recorded but refused by the mail server on an earlier try."""
    return notices.notices_send(notices.notices_unsent())
