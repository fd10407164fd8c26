"""The indicators of an IATI result: linked to the results-framework node the result is.

An indicator is found by its reporting organisation's code (vocabulary 99) among Concord's
indicators, else by name among those of the framework's instrument; an unknown one is recorded
for that instrument, measured as IATI says (a percentage, else a count), rising or falling as
its ``ascending`` says (neither when it says nothing). A qualitative IATI indicator has no unit
in Concord: it is not recorded, and the report says so.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.text import slugify
from django.utils.translation import gettext as _

from concord.indicators.models import Direction, Indicator, Unit
from concord.registry.models import Instrument, ResultsNode
from concord.resources.iati.reading import QUALITATIVE, IndicatorRead
from concord.resources.iati.schema import IatiInvalid, IatiProblem

PERCENTAGE = "2"
DIRECTION = {True: Direction.HIGHER, False: Direction.LOWER, None: Direction.NONE}


class IndicatorFinder:
    def __init__(self, user: Any, framework: Instrument, report: Any) -> None:
        self.user, self.framework, self.report = user, framework, report

    def find(self, read: IndicatorRead) -> Indicator | None:
        if read.code:
            found = Indicator.objects.filter(code=read.code).first()
            if found is not None:
                return found
        return Indicator.objects.filter(instrument=self.framework, name=read.title).first()

    def link(self, read: IndicatorRead, node: ResultsNode) -> Indicator | None:
        """Link the indicator to ``node`` (recording it when unknown); return it if recorded."""
        indicator = self.find(read)
        if indicator is None:
            if read.measure == QUALITATIVE:
                message = _("A qualitative indicator (%(title)s) is not recorded.")
                self.report.notices.append(
                    IatiProblem(read.line, "indicator", message % {"title": read.title})
                )
                return None
            indicator = self.create(read)
        if indicator.results.filter(pk=node.pk).exists():
            return indicator
        if not self.user.has_perm("indicators.change_indicator", indicator):
            raise PermissionDenied
        indicator.results.add(node)
        return indicator

    def create(self, read: IndicatorRead) -> Indicator:
        code = slugify(read.code or read.title)[:64]
        if not code or Indicator.objects.filter(code=code).exists():
            message = _("The indicator %(title)s needs a code no other indicator has.")
            raise IatiInvalid(
                [IatiProblem(read.line, "indicator", message % {"title": read.title})]
            )
        indicator = Indicator(
            code=code,
            name=read.title[:255],
            definition=read.description,
            unit=Unit.PERCENT if read.measure == PERCENTAGE else Unit.COUNT,
            direction=DIRECTION[read.ascending],
            instrument=self.framework,
            source=_("IATI activity file"),
        )
        if not self.user.has_perm("indicators.add_indicator", indicator):
            raise PermissionDenied
        indicator._history_user = self.user
        indicator.save()
        self.report.indicators += 1
        return indicator
