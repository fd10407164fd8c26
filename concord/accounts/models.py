import datetime as dt

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
