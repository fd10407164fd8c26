from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.models.fields import Translatable


class ResultsLevel(models.TextChoices):
    GOAL = "goal", _("Goal")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")
    ACTIVITY = "activity", _("Activity")


class ResultsNode(Translatable):
    """One node of an instrument's results framework: its goal, an outcome, output or activity.

    A framework is often printed more than once (a strategy lists its outputs, and the work plan
    annexed to it lists them again with their activities, sometimes worded differently): each
    printing is a provision, and every provision that prints the same node points to it, so the
    node is counted, funded and reported on once. ``code`` is the node's numbering, normalized
    (``A1`` for an output printed ``A1.`` or ``A.1``); a source that numbers two different
    activities alike gives two nodes, the second coded apart (``C.5.2-2``) while its provision
    keeps the number as printed.
    """

    translatable_fields = ("title",)

    framework = models.ForeignKey(
        "registry.Instrument",
        verbose_name=_("instrument whose framework it is"),
        on_delete=models.CASCADE,
        related_name="results_nodes",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    seq = models.PositiveIntegerField(_("order in the framework"))
    level = models.CharField(_("level"), max_length=16, choices=ResultsLevel.choices)
    code = models.CharField(_("code"), max_length=32)
    title = models.TextField(_("title"), blank=True)

    history = history()

    class Meta:
        ordering = ["framework", "seq"]
        verbose_name = _("results-framework node")
        verbose_name_plural = _("results-framework nodes")
        constraints = [
            models.UniqueConstraint(fields=["framework", "seq"], name="results_node_seq_unique"),
        ]
        indexes = [models.Index(fields=["framework", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:60]}".strip()
