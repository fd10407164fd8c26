from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.models.fields import (
    Translatable,
    partial_date_fields,
    partial_date_property,
)


class PartyKind(models.TextChoices):
    STATE = "state", _("State")
    TERRITORY = "territory", _("Territory")
    ORGANIZATION = "organization", _("International organization")
    NGO = "ngo", _("Non-governmental organization")
    PRIVATE = "private", _("Private sector")
    FOUNDATION = "foundation", _("Foundation")


class Party(Translatable):
    """A state, territory or organization that can be bound by, or take part in, an instrument.

    States and territories are coded by ISO 3166-1 alpha-3; others by a stable lower-case slug.
    """

    translatable_fields = ("name",)

    code = models.CharField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=255)
    official_name = models.CharField(_("official name"), max_length=255, blank=True)

    history = history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        indexes = [models.Index(fields=["name", "id"])]

    def __str__(self) -> str:
        return self.name


class PartyAlias(models.Model):
    """Another name a document uses for a party ("Lao PDR", "Korea (Republic of)")."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=255)
    normalized = models.CharField(_("normalized name"), max_length=255, unique=True)

    history = history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("party alias")
        verbose_name_plural = _("party aliases")

    def __str__(self) -> str:
        return self.name


class Group(Translatable):
    """A named set of parties whose membership changes over time (ASEAN, the ASEAN-6 ...)."""

    translatable_fields = ("name", "description")

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(Party, through="GroupMembership", related_name="groups")

    history = history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="memberships")
    since_earliest, since_latest, since_precision = partial_date_fields(_("member since"))
    until_earliest, until_latest, until_precision = partial_date_fields(_("member until"))
    since = partial_date_property("since")
    until = partial_date_property("until")

    history = history()

    class Meta:
        ordering = ["group", "party__name"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "party", "since_earliest"], name="membership_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} in {self.group}"
