import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class RoleKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    FOCAL_POINT = "focal_point", _("National focal point")
    RESPONSIBLE_BODY = "responsible_body", _("Responsible body")
    REVIEWER = "reviewer", _("Reviewer")
    RESOURCE_PARTNER = "resource_partner", _("Resource partner")
    COOPERATION_OFFICER = "cooperation_officer", _("Cooperation officer")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority")


# Which scope each kind of role is held within: "party", "body", "instrument", or none (the
# whole of Concord). A secretariat may be scoped to a body or an instrument, or to nothing.
ROLE_SCOPES: dict[str, dict[str, str]] = {
    RoleKind.SECRETARIAT: {"party": "forbidden", "body": "optional", "instrument": "optional"},
    RoleKind.FOCAL_POINT: {"party": "required", "body": "forbidden", "instrument": "optional"},
    RoleKind.RESPONSIBLE_BODY: {"party": "forbidden", "body": "required", "instrument": "optional"},
    RoleKind.REVIEWER: {"party": "required", "body": "forbidden", "instrument": "optional"},
    RoleKind.RESOURCE_PARTNER: {
        "party": "required",
        "body": "forbidden",
        "instrument": "forbidden",
    },
    RoleKind.COOPERATION_OFFICER: {
        "party": "forbidden",
        "body": "required",
        "instrument": "forbidden",
    },
    RoleKind.CENTRAL_AUTHORITY: {
        "party": "required",
        "body": "forbidden",
        "instrument": "forbidden",
    },
}


class RoleQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None) -> "RoleQuerySet":
        """Return the roles in force on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on), starts_on__lte=on)


class Role(models.Model):
    """A role a person holds within a scope (a party, a body, an instrument) for a period.

    Roles are data: the secretariat grants and ends them; ending a role sets ``ends_on``, so the
    record of who could do what, and when, is never lost.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=24, choices=RoleKind.choices)
    party = models.ForeignKey(
        "registry.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    body = models.ForeignKey(
        "registry.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles_granted",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleQuerySet.as_manager()

    history = history()

    class Meta:
        ordering = ["user", "kind", "starts_on"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        indexes = [
            models.Index(fields=["user", "kind"]),
            models.Index(fields=["kind", "party"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        scope = self.party or self.body or self.instrument
        return f"{self.user} — {self.get_kind_display()}" + (f" ({scope})" if scope else "")

    def clean(self) -> None:
        """Check the scope fits the kind of role (a focal point needs a party ...)."""
        errors = {}
        for field, rule in ROLE_SCOPES.get(self.kind, {}).items():
            present = getattr(self, f"{field}_id") is not None
            if rule == "required" and not present:
                errors[field] = _("A %(kind)s role needs a %(field)s.") % {
                    "kind": self.get_kind_display(),
                    "field": field,
                }
            if rule == "forbidden" and present:
                errors[field] = _("A %(kind)s role is not held within a %(field)s.") % {
                    "kind": self.get_kind_display(),
                    "field": field,
                }
        if errors:
            raise ValidationError(errors)


TOKEN_PREFIX = "concord"


def hash_secret(secret: str) -> str:
    """Return the SHA-256 of a random secret, as tokens and invitation links are stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, at: dt.datetime | None = None) -> "ApiTokenQuerySet":
        """Return the tokens that are neither revoked nor expired at ``at`` (now by default)."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now())


class ApiToken(models.Model):
    """A personal API token: ``concord_<prefix>_<secret>``, shown once, stored as a hash.

    The secret is 32 random bytes, so a plain SHA-256 is enough: a slow hash (Argon2) protects
    guessable passwords, and nobody can guess 256 random bits. A fast hash lets every API call
    check its token without spending a tenth of a second on it. The public ``prefix`` finds the
    row; the hash of the secret must then match.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    history = history(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_PREFIX}_{self.prefix}_…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Invitation(models.Model):
    """An invitation, sent by e-mail, to join Concord with a role; the link holds a secret."""

    email = models.EmailField(_("e-mail"))
    kind = models.CharField(_("role"), max_length=24, choices=RoleKind.choices)
    party = models.ForeignKey(
        "registry.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(
        "registry.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )

    history = history(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} — {self.get_kind_display()}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def scope(self):
        return self.party or self.body or self.instrument


class PersonStatus(models.Model):
    """Whether a person may sign in, as the secretariat last set it, with its history.

    Django's ``User.is_active`` is what sign-in reads, but the user table keeps no history
    (auditing it would record every sign-in, and its password hash). The services that
    deactivate and reactivate a person change both in one transaction, so that the audit trail
    holds who did it, when, from where and why.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status"
    )
    active = models.BooleanField(_("active"), default=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    history = history()

    class Meta:
        verbose_name = _("person's status")
        verbose_name_plural = _("people's statuses")

    def __str__(self) -> str:
        state = _("active") if self.active else _("deactivated")
        return f"{self.user} — {state}"
