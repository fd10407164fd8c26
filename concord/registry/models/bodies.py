from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.models.fields import Translatable


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

    history = history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name
