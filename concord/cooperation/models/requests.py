"""Requests for cooperation from a requesting body to a party, and what becomes of them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.cooperation.crypto import EncryptedTextField


class RequestKind(models.TextChoices):
    IDENTIFICATION = "identification", _("Identification of assets")
    TRACING = "tracing", _("Tracing of assets")
    FREEZING = "freezing", _("Freezing of assets")
    SEIZURE = "seizure", _("Seizure of assets")
    ARREST = "arrest", _("Arrest and surrender")
    WITNESS = "witness", _("Witness protection or relocation")
    INTERIM_RELEASE = "interim_release", _("Interim release")
    OTHER = "other", _("Other")


# Requests that restrain an asset: where a sanctions freeze may compete with them.
RESTRAINING_KINDS = {RequestKind.FREEZING, RequestKind.SEIZURE}


class Channel(models.TextChoices):
    DIPLOMATIC = "diplomatic", _("Diplomatic channel")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority")
    FOCAL_POINT = "focal_point", _("National focal point")
    INTERPOL = "interpol", _("Interpol")


class Classification(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")
    CONFIDENTIAL = "confidential", _("Confidential")
    SEALED = "sealed", _("Under seal")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    EXECUTED = "executed", _("Executed")
    NOT_EXECUTED = "not_executed", _("Not executed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PersonConcerned(models.Model):
    """The person a case concerns, under whose name a requesting body pieces replies together."""

    requesting_body = models.ForeignKey("registry.Body", on_delete=models.PROTECT, related_name="+")
    name = EncryptedTextField(_("name"))
    case = EncryptedTextField(_("case"), blank=True)
    fictitious = models.BooleanField(_("fictitious (demonstration)"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = history(listed=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("person concerned")
        verbose_name_plural = _("persons concerned")

    def __str__(self) -> str:
        return self.name


class CooperationRequest(models.Model):
    """A request to a party: what is asked, on which legal basis, through which channel.

    Only the requesting body's cooperation officers and the party's central authority see it
    (``concord.cooperation.visibility``); its free text is encrypted at rest.
    """

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    requesting_body = models.ForeignKey("registry.Body", on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey("registry.Party", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        PersonConcerned,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("person concerned"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    legal_basis = EncryptedTextField(_("legal basis"), blank=True)
    asked = EncryptedTextField(_("what is asked"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.CONFIDENTIAL,
    )
    unseal_on = models.DateField(_("may be unsealed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related requests")
    )
    fictitious = models.BooleanField(_("fictitious (demonstration)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = history(listed=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        indexes = [
            models.Index(fields=["party", "status"]),
            models.Index(fields=["requesting_body", "status"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["sent_on"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        if self.classification == Classification.SEALED and self.unseal_on is None:
            raise ValidationError(
                {"unseal_on": _("A request under seal needs the date it may be unsealed.")}
            )
        if self.classification != Classification.SEALED and self.unseal_on is not None:
            raise ValidationError({"unseal_on": _("Only a request under seal is unsealed.")})
        errors = {}
        for name in ("deadline", "acknowledged_on", "executed_on"):
            day = getattr(self, name)
            if self.sent_on and day and day < self.sent_on:
                errors[name] = _("This date must be on or after the request was sent.")
        done = (RequestStatus.EXECUTED, RequestStatus.PARTIALLY_EXECUTED)
        if self.executed_on and self.status not in done:
            errors["executed_on"] = _("Only a request (partly) executed has a date of execution.")
        if errors:
            raise ValidationError(errors)

    def is_sealed(self, on=None) -> bool:
        """Say whether the request is still under seal ``on`` (today)."""
        on = on or timezone.localdate()
        return self.classification == Classification.SEALED and (
            self.unseal_on is None or on < self.unseal_on
        )


class StepKind(models.TextChoices):
    REFERRED = "referred", _("Referred to the non-cooperation procedure")
    CONSULTATION = "consultation", _("Consultation with the State")
    FINDING = "finding", _("Finding of non-cooperation")
    REFERRAL_ASSEMBLY = "referral_assembly", _("Referred to the Assembly of States Parties")
    REFERRAL_COUNCIL = "referral_council", _("Referred to the Security Council")
    CLOSED = "closed", _("Procedure closed")


class NonCooperationStep(models.Model):
    """One step of the procedure a request not executed is referred to."""

    request = models.ForeignKey(CooperationRequest, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    taken_on = models.DateField(_("taken on"))
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = history(listed=False)

    class Meta:
        ordering = ["taken_on", "id"]
        verbose_name = _("non-cooperation step")
        verbose_name_plural = _("non-cooperation steps")

    def __str__(self) -> str:
        return f"{self.request}: {self.get_kind_display()}"
