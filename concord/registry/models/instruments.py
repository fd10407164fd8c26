from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.lifecycle import StateGraph
from concord.registry.models.fields import Translatable, partial_date_fields, partial_date_property


class InstrumentKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Action plan")
    ADDENDUM = "addendum", _("Addendum")
    AGREEMENT = "agreement", _("Agreement")
    CONVENTION = "convention", _("Convention")
    DECISION = "decision", _("Decision")
    DECLARATION = "declaration", _("Declaration")
    JOURNAL = "journal", _("Journal")
    PROTOCOL = "protocol", _("Protocol")
    REPORT = "report", _("Report")
    RESOLUTION = "resolution", _("Resolution")
    STATEMENT = "statement", _("Statement")
    STATUTE = "statute", _("Statute")
    STRATEGY = "strategy", _("Strategy")
    WORK_PLAN = "work_plan", _("Work plan")
    OTHER = "other", _("Other")


class LegalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


class Publication(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


LEGAL_STATUS_GRAPH = StateGraph(
    LegalStatus,
    {
        LegalStatus.DRAFT: [LegalStatus.ADOPTED, LegalStatus.SUPERSEDED],
        LegalStatus.ADOPTED: [LegalStatus.IN_FORCE, LegalStatus.SUPERSEDED],
        LegalStatus.IN_FORCE: [LegalStatus.SUPERSEDED],
    },
)

PUBLICATION_GRAPH = StateGraph(
    Publication,
    {
        Publication.PROPOSED: [Publication.IN_REVIEW],
        Publication.IN_REVIEW: [Publication.PUBLISHED, Publication.PROPOSED],
        Publication.PUBLISHED: [Publication.IN_REVIEW],
    },
)


class InstrumentQuerySet(models.QuerySet):
    def published(self) -> "InstrumentQuerySet":
        return self.filter(publication=Publication.PUBLISHED)

    def with_symbol(self, symbol: str) -> "Instrument | None":
        """Return the newest version of the document with this symbol (any case), if any."""
        return self.filter(symbol__iexact=symbol.strip()).order_by("-version", "-pk").first()


class Instrument(Translatable):
    """What a body agreed or issued: an action plan, a resolution, a decision, a strategy ...

    Its legal status (draft -> adopted -> in force -> superseded) and its publication in Concord
    (proposed -> in review -> published) are separate lifecycles: a draft resolution can be
    published as a draft, and nothing unpublished is shown to the public.
    """

    translatable_fields = ("title", "short_title")

    kind = models.CharField(_("kind"), max_length=16, choices=InstrumentKind.choices)
    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(_("short title"), max_length=200, blank=True)
    number = models.CharField(
        _("number"), max_length=64, blank=True, help_text=_("As the body numbers it, e.g. 1107")
    )
    symbol = models.CharField(_("document symbol"), max_length=128, blank=True)
    version = models.PositiveSmallIntegerField(
        _("version"),
        default=1,
        help_text=_(
            "Versions of one symbol: a document reissued under the same symbol with changed text "
            "is the next version"
        ),
    )
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revises or corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )
    body = models.ForeignKey(
        "registry.Body",
        verbose_name=_("adopting body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instruments",
    )
    adopted_earliest, adopted_latest, adopted_precision = partial_date_fields(_("adopted"))
    adopted = partial_date_property("adopted")
    legal_status = models.CharField(
        _("legal status"), max_length=16, choices=LegalStatus.choices, default=LegalStatus.DRAFT
    )
    publication = models.CharField(
        _("publication"), max_length=16, choices=Publication.choices, default=Publication.PROPOSED
    )
    source_document = models.CharField(_("source document"), max_length=255, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    source_fingerprint = models.CharField(
        _("fingerprint of the ingested proposal"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "Set by ingestion: re-ingesting a document that proposes the same again leaves the "
            "instrument as reviewed"
        ),
    )

    objects = InstrumentQuerySet.as_manager()

    history = history()

    class Meta:
        ordering = ["-adopted_earliest", "title"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["symbol", "version"],
                condition=~models.Q(symbol=""),
                name="instrument_symbol_version_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["publication", "kind"]),
            models.Index(fields=["publication", "id"]),
            models.Index(fields=["adopted_earliest", "id"]),
            models.Index(Upper("symbol"), name="instrument_symbol_upper"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} — {self.title}" if self.symbol else self.title

    @property
    def is_published(self) -> bool:
        return self.publication == Publication.PUBLISHED


class RelationKind(models.TextChoices):
    COMPLEMENTS = "complements", _("complements")
    IMPLEMENTS = "implements", _("implements")
    RECALLS = "recalls", _("recalls")
    AMENDS = "amends", _("amends")
    SUPERSEDES = "supersedes", _("supersedes")
    ANNEXED_TO = "annexed_to", _("is annexed to")
    FORWARDS = "forwards", _("forwards for adoption")
    REPORTS_ON = "reports_on", _("reports on")


class InstrumentRelation(models.Model):
    """A typed link from one instrument to another: an addendum complements an action plan."""

    source = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("kind"), max_length=16, choices=RelationKind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = history()

    class Meta:
        ordering = ["source", "kind"]
        verbose_name = _("relation between instruments")
        verbose_name_plural = _("relations between instruments")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relation_once"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relation_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"
