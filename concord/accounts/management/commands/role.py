"""``concord role grant|end``: grant and end roles from the command line (as the operator)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from concord.accounts.models import Role, RoleKind
from concord.accounts.services import role_end, role_grant
from concord.registry.models import Body, Instrument, Party


class Command(BaseCommand):
    help = _("Grant or end a person's role.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{grant,end}", required=True)
        grant = actions.add_parser("grant", help=_("Grant USERNAME a role of KIND."))
        grant.add_argument("username")
        grant.add_argument("kind", choices=RoleKind.values)
        grant.add_argument("--party", help=_("Party code."))
        grant.add_argument("--body", help=_("Body code."))
        grant.add_argument("--instrument", type=int, help=_("Instrument id."))
        grant.add_argument("--starts-on", type=dt.date.fromisoformat)
        grant.add_argument("--note", default="")
        end = actions.add_parser("end", help=_("End the role with this id today."))
        end.add_argument("id", type=int)

    def handle(self, *args, action: str, **options) -> None:
        try:
            if action == "end":
                role = Role.objects.filter(pk=options["id"]).first()
                if role is None:
                    raise CommandError(_("No role with id %(id)s.") % {"id": options["id"]})
                role = role_end(ended_by=None, role=role)
                self.stdout.write(_("Ended: %(role)s.") % {"role": role})
                return
            role = role_grant(
                granted_by=None,
                user=_find(get_user_model(), "username", options["username"]),
                kind=options["kind"],
                party=_find(Party, "code", options["party"]),
                body=_find(Body, "code", options["body"]),
                instrument=_find(Instrument, "pk", options["instrument"]),
                starts_on=options["starts_on"],
                note=options["note"],
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in getattr(exc, "message_dict", {"": exc.messages}).items()
                )
            ) from None
        self.stdout.write(_("Granted role %(id)s: %(role)s.") % {"id": role.pk, "role": role})


def _find(model, field: str, value):
    if value is None:
        return None
    found = model.objects.filter(**{field: value}).first()
    if found is None:
        raise CommandError(
            _("No %(model)s with %(field)s %(value)s.")
            % {"model": model._meta.verbose_name, "field": field, "value": value}
        )
    return found
