"""``concord token create|list|revoke``: personal API tokens from the command line."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from concord.accounts.models import ApiToken
from concord.accounts.services import TOKEN_DEFAULT_DAYS, token_create, token_revoke


class Command(BaseCommand):
    help = _("Create, list and revoke personal API tokens.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", metavar="{create,list,revoke}", required=True
        )
        create = actions.add_parser("create", help=_("Create a token and print it once."))
        create.add_argument("username")
        create.add_argument("--name", default=_("command line"))
        create.add_argument("--days", type=int, default=TOKEN_DEFAULT_DAYS)
        listing = actions.add_parser("list", help=_("List a person's tokens."))
        listing.add_argument("username")
        revoke = actions.add_parser("revoke", help=_("Revoke a token by its id."))
        revoke.add_argument("id", type=int)

    def handle(self, *args, action: str, **options) -> None:
        if action == "revoke":
            token = ApiToken.objects.filter(pk=options["id"]).first()
            if token is None:
                raise CommandError(_("No token with id %(id)s.") % {"id": options["id"]})
            try:
                token_revoke(revoked_by=None, token=token)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            self.stdout.write(
                _("Revoked token %(id)s (%(name)s).") % {"id": token.pk, "name": token.name}
            )
            return
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(
                _("No person with username %(name)s.") % {"name": options["username"]}
            )
        if action == "create":
            try:
                new = token_create(user=user, name=options["name"], days=options["days"])
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            self.stderr.write(
                _("Token %(id)s for %(user)s, valid until %(expires)s. It is shown this once:")
                % {
                    "id": new.token.pk,
                    "user": user.username,
                    "expires": new.token.expires_at.strftime("%Y-%m-%d"),
                }
            )
            self.stdout.write(new.secret)
            return
        for token in ApiToken.objects.filter(user=user):
            state = (
                _("revoked")
                if token.revoked_at
                else (_("usable") if token.is_usable else _("expired"))
            )
            self.stdout.write(
                f"{token.pk}\t{token.name}\tconcord_{token.prefix}_…\t"
                f"{token.expires_at:%Y-%m-%d}\t{state}"
            )
