import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.models.fields import Translatable


def validate_time_zone(name: str) -> None:
    if name and name not in zoneinfo.available_timezones():
        raise ValidationError(_("Not an IANA time zone: %(name)s."), params={"name": name})


class BodyKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organization")
    ORGAN = "organ", _("Organ")
    SUBSIDIARY = "subsidiary", _("Subsidiary body")
    SECRETARIAT = "secretariat", _("Secretariat")
    OFFICE = "office", _("Office")
    MINISTRY = "ministry", _("Ministry or department")
    COURT = "court", _("Court or tribunal")


class Body(Translatable):
    """An organization or one of its organs: the Assembly of States Parties, its Bureau ...

    A national body (a ministry) names the party it belongs to.
    """

    translatable_fields = ("name",)

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organs",
    )
    party = models.ForeignKey(
        "registry.Party",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_(
            "IANA name (Europe/Vienna) in which the body's deadlines fall; "
            "blank for the one of the body it is part of."
        ),
    )

    history = history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    def zone(self) -> zoneinfo.ZoneInfo:
        """The time zone the body's deadlines fall in: its own, its parent's, or the site's."""
        body, seen = self, set()
        while body is not None and body.pk not in seen:
            if body.time_zone:
                return zoneinfo.ZoneInfo(body.time_zone)
            seen.add(body.pk)
            body = body.parent
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
