from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.models.fields import Translatable


class ProvisionKind(models.TextChoices):
    PART = "part", _("Part")
    CHAPTER = "chapter", _("Chapter")
    SECTION = "section", _("Section")
    ARTICLE = "article", _("Article")
    ANNEX = "annex", _("Annex")
    PREAMBULAR = "preambular", _("Preambular paragraph")
    OPERATIVE = "operative", _("Operative paragraph")
    RECOMMENDED_ACTION = "recommended_action", _("Recommended action")
    ACTION = "action", _("Action")
    RECOMMENDATION = "recommendation", _("Recommendation")
    GOAL = "goal", _("Goal")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")
    ACTIVITY = "activity", _("Activity")
    PARAGRAPH = "paragraph", _("Paragraph")
    POINT = "point", _("Point")


class DraftingMark(models.TextChoices):
    BRACKETED = "bracketed", _("Bracketed, not yet agreed")
    PLACEHOLDER = "placeholder", _("Placeholder")


class Provision(Translatable):
    """One node of an instrument's text: a section, an article, a paragraph, an activity ...

    ``ref`` is unique within the instrument and stable, so ``/instruments/<id>/provisions/<ref>``
    can be cited; ``number`` is the numbering as printed, kept even when the source repeats it.
    ``seq`` orders the whole tree in document order.
    """

    translatable_fields = ("heading", "text")

    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.CASCADE, related_name="provisions"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    seq = models.PositiveIntegerField(_("order in the document"))
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    ref = models.CharField(_("reference"), max_length=64)
    number = models.CharField(_("number as printed"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProvisionKind.choices)
    verb = models.CharField(_("operative verb"), max_length=64, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    is_bracketed = models.BooleanField(_("bracketed"), default=False)
    has_placeholder = models.BooleanField(_("placeholder"), default=False)
    source_start = models.PositiveIntegerField(_("source span start"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("source span end"), null=True, blank=True)
    results_node = models.ForeignKey(
        "registry.ResultsNode",
        verbose_name=_("results-framework node"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provisions",
    )

    history = history()

    class Meta:
        ordering = ["instrument", "seq"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "ref"], name="provision_ref_unique"),
            models.UniqueConstraint(fields=["instrument", "seq"], name="provision_seq_unique"),
        ]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return f"{self.ref} {self.heading or self.text[:60]}".strip()

    @property
    def drafting_marks(self) -> list[str]:
        marks = []
        if self.is_bracketed:
            marks.append(DraftingMark.BRACKETED.value)
        if self.has_placeholder:
            marks.append(DraftingMark.PLACEHOLDER.value)
        return marks


class ProvisionAddressee(models.Model):
    """Whom a provision addresses: a party, a group, a body, or a named collective."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="addressees")
    label = models.CharField(_("as written"), max_length=255)
    party = models.ForeignKey("registry.Party", on_delete=models.CASCADE, null=True, blank=True)
    group = models.ForeignKey("registry.Group", on_delete=models.CASCADE, null=True, blank=True)
    body = models.ForeignKey("registry.Body", on_delete=models.CASCADE, null=True, blank=True)

    history = history()

    class Meta:
        ordering = ["provision", "label"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        constraints = [
            models.UniqueConstraint(fields=["provision", "label"], name="addressee_once"),
        ]

    def __str__(self) -> str:
        return self.label


class Footnote(Translatable):
    """A footnote, kept apart from the text and linked to the provision that cites it."""

    translatable_fields = ("text",)

    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.CASCADE, related_name="footnotes"
    )
    provision = models.ForeignKey(
        Provision, on_delete=models.SET_NULL, null=True, blank=True, related_name="footnotes"
    )
    marker = models.CharField(_("marker"), max_length=8)
    text = models.TextField(_("text"))

    history = history()

    class Meta:
        ordering = ["instrument", "id"]
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")

    def __str__(self) -> str:
        return f"{self.marker} {self.text[:60]}"
