"""What a party answers: replies, their attachments, and the assets it reports."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.cooperation.crypto import EncryptedBinaryField, EncryptedTextField
from concord.cooperation.models.requests import CooperationRequest


class Reply(models.Model):
    """A party's answer to a request, written by its central authority."""

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.PROTECT, related_name="replies"
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    text = EncryptedTextField(_("reply"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = history(listed=False)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return _("Reply %(id)s to %(ref)s") % {"id": self.pk, "ref": self.request}


class Attachment(models.Model):
    """A file sent with a reply, encrypted at rest and never changed once received."""

    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="attachments")
    name = EncryptedTextField(_("file name"))
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    data = EncryptedBinaryField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = history(listed=False, excluded_fields=["data"])

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return _("Attachment %(id)s") % {"id": self.pk}


class AssetKind(models.TextChoices):
    BANK_ACCOUNT = "bank_account", _("Bank account")
    REAL_ESTATE = "real_estate", _("Real estate")
    VEHICLE = "vehicle", _("Vehicle, vessel or aircraft")
    SHARES = "shares", _("Company shares or securities")
    CASH = "cash", _("Cash or valuables")
    OTHER = "other", _("Other")


class HolderKind(models.TextChoices):
    PERSON_CONCERNED = "person_concerned", _("The person concerned")
    RELATIVE = "relative", _("A relative")
    ASSOCIATE = "associate", _("Another person")
    COMPANY = "company", _("A company")


class AssetStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    FROZEN = "frozen", _("Frozen")
    SEIZED = "seized", _("Seized")
    RELEASED = "released", _("Released")
    TRANSFERRED = "transferred", _("Transferred")


class Asset(models.Model):
    """An asset a party reports, under the request it answered; later requests may concern it.

    ``requests`` links the requests that concern the asset (its identification, then its
    seizure), so that separate requests about the same asset stay together.
    """

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.PROTECT, related_name="assets_reported"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.PROTECT, null=True, blank=True, related_name="assets"
    )
    requests = models.ManyToManyField(
        CooperationRequest, blank=True, related_name="assets_concerned"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AssetKind.choices)
    description = EncryptedTextField(_("description"))
    country = models.CharField(_("country (ISO 3166 alpha-2)"), max_length=2, blank=True)
    place = EncryptedTextField(_("where"), blank=True)
    holder_name = EncryptedTextField(_("holder"))
    holder_kind = models.CharField(_("holder is"), max_length=20, choices=HolderKind.choices)
    estimated_value = models.DecimalField(
        _("estimated value"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AssetStatus.choices, default=AssetStatus.IDENTIFIED
    )
    sanctions_measure = EncryptedTextField(
        _("frozen under a Security Council sanctions measure"), blank=True
    )

    history = history(listed=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")

    def __str__(self) -> str:
        return _("Asset %(id)s") % {"id": self.pk}
