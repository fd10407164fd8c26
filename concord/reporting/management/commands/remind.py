"""``concord remind``: enqueue the reminders of reporting and cooperation deadlines due today.

Meant to run once a day (a cron job or a systemd timer); the task worker sends them. Running it
twice the same day, or the worker twice, sends nothing more: each reminder goes once to each
person. It also has the notices the mail server refused on an earlier try sent again.
"""

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concord.cooperation import reminders as cooperation_reminders
from concord.cooperation.tasks import request_remind
from concord.reporting.notices import notices_unsent, reminders_due
from concord.reporting.tasks import deadline_remind, notices_resend


class Command(BaseCommand):
    help = _("Enqueue the reminders of reporting and cooperation deadlines due today (daily).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("List the reminders due without enqueueing them: nothing is changed."),
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options) -> None:
        due = reminders_due()
        for reminder in due:
            if not dry_run:
                deadline_remind.enqueue(reminder.kind, reminder.cycle.pk, reminder.party.pk)
            if verbosity:
                self.stdout.write(
                    _("%(kind)s: %(cycle)s (%(deadline)s), %(party)s, to %(people)s")
                    % {
                        "kind": reminder.kind,
                        "cycle": reminder.cycle.name,
                        "deadline": reminder.cycle.deadline.isoformat(),
                        "party": reminder.party.name,
                        "people": ", ".join(p.email for p in reminder.recipients),
                    }
                )
        for reminder in cooperation_reminders.reminders_due():
            due.append(reminder)
            if not dry_run:
                request_remind.enqueue(reminder.kind, reminder.request.pk)
            if verbosity:
                self.stdout.write(
                    _("%(kind)s: cooperation request %(reference)s (%(deadline)s), to %(people)s")
                    % {
                        "kind": reminder.kind,
                        "reference": reminder.request.reference,
                        "deadline": reminder.request.deadline.isoformat(),
                        "people": ", ".join(p.email for p in reminder.recipients),
                    }
                )
        if dry_run:
            summary = ngettext(
                "Dry run: %(count)d reminder is due; nothing was enqueued.",
                "Dry run: %(count)d reminders are due; nothing was enqueued.",
                len(due),
            )
        else:
            summary = ngettext(
                "Enqueued %(count)d reminder for the task worker to send.",
                "Enqueued %(count)d reminders for the task worker to send.",
                len(due),
            )
        self.stdout.write(summary % {"count": len(due)})
        unsent = notices_unsent().count()
        if unsent:
            if not dry_run:
                notices_resend.enqueue()
            self.stdout.write(
                ngettext(
                    "%(count)d notice the mail server refused earlier is to be sent again.",
                    "%(count)d notices the mail server refused earlier are to be sent again.",
                    unsent,
                )
                % {"count": unsent}
            )
