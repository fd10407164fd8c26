"""Background tasks of cooperation requests, run by the task worker (``concord db_worker``)."""

from django_tasks import task

from concord.cooperation import reminders


@task()
def request_remind(kind: str, request_id: int) -> int:
    """Remind the officers and the party's central authority of a request's deadline."""
    return reminders.reminder_send(kind=kind, request_id=request_id)
