"""The progress matrix (parties x provisions for a cycle) and a party's scorecard.

Both are public and show what ``concord.reporting.progress`` lets the visitor see. Each cell
carries its status as an abbreviation explained in a legend, and as a colour; a change as an
arrow and a word for screen readers: never colour alone.
"""

from typing import NamedTuple

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from concord.portal.views.pages import page
from concord.registry.models import Group, Party
from concord.reporting import progress
from concord.reporting.models import FollowUp, ReportingCycle, SubmissionStatus

ABBREVIATIONS = {
    "not_started": _("NS"),
    "partially": _("PI"),
    "largely": _("LI"),
    "fully": _("FI"),
    "supported": _("SU"),
    "noted": _("NO"),
}
ARROWS = {"improved": "↑", "held": "=", "worsened": "↓", "new": "+"}


class ProgressFilterForm(forms.Form):
    cycle = forms.TypedChoiceField(label=_("Reporting cycle"), coerce=int, required=False)
    compare = forms.TypedChoiceField(
        label=_("Compare with"), coerce=int, required=False, empty_value=None
    )
    group = forms.ChoiceField(label=_("Group of parties"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, cycles: list[ReportingCycle], groups: list[Group], **kwargs):
        super().__init__(*args, **kwargs)
        named = [(c.pk, c.name) for c in cycles]
        self.fields["cycle"].choices = named
        self.fields["compare"].choices = [("", _("No comparison")), *named]
        self.fields["group"].choices = [("", _("Any group"))] + [(g.slug, g.name) for g in groups]
        self.fields["status"].choices = [("", _("Any status")), *progress.STATUS_LABELS.items()]


class Shown(NamedTuple):
    """A cell as the page shows it."""

    status: str
    abbreviation: str
    label: str
    arrow: str = ""
    change: str = ""
    earlier: str = ""


def _shown_rows(matrix: progress.Matrix) -> list[tuple[progress.Row, str, list[Shown | None]]]:
    """Give each row the status of an unpublished submission it shows, and each cell its words.

    The words are made once per distinct cell, not once per cell: 200,000 cells add up.
    """
    labels = dict(progress.Change.choices)
    unpublished = {
        value: str(label)
        for value, label in SubmissionStatus.choices
        if value != SubmissionStatus.PUBLISHED
    }
    made: dict[progress.Cell, Shown] = {}

    def show(cell: progress.Cell) -> Shown:
        if cell not in made:
            made[cell] = Shown(
                cell.status,
                str(ABBREVIATIONS.get(cell.status, cell.status)),
                str(progress.STATUS_LABELS.get(cell.status, cell.status)),
                ARROWS.get(cell.change or "", ""),
                str(labels.get(cell.change, "")),
                str(progress.STATUS_LABELS.get(cell.earlier, "")) if cell.earlier else "",
            )
        return made[cell]

    return [
        (
            row,
            unpublished.get(row.submission_status or "", ""),
            [show(cell) if cell else None for cell in row.cells],
        )
        for row in matrix.rows
    ]


def _chosen(cycles: list[ReportingCycle], cycle_id: int | None) -> ReportingCycle | None:
    return next((c for c in cycles if c.pk == cycle_id), None)


def progress_matrix(request: HttpRequest, instrument_id: int) -> HttpResponse:
    user = request.user
    instrument = progress.instrument_visible(user, instrument_id)
    if instrument is None:
        raise Http404
    cycles = list(progress.cycles_of(user, instrument))
    form = ProgressFilterForm(request.GET or None, cycles=cycles, groups=list(Group.objects.all()))
    chosen = {}
    if form.is_bound:
        form.is_valid()  # a bad choice is reported beside its field; the valid ones still apply
        chosen = form.cleaned_data
    cycle = _chosen(cycles, chosen.get("cycle")) or (cycles[0] if cycles else None)
    compare = _chosen(cycles, chosen.get("compare"))
    if compare is not None and compare == cycle:
        compare = None
    status = chosen.get("status")
    matrix = progress.progress_matrix(
        user=user,
        instrument=instrument,
        cycle=cycle,
        compare=compare,
        group=chosen.get("group") or "",
        statuses=[status] if status else [],
    )
    legend = [
        (value, ABBREVIATIONS[value], label) for value, label in progress.STATUS_LABELS.items()
    ]
    return page(
        request,
        "reporting/progress/matrix.html",
        {
            "instrument": instrument,
            "form": form,
            "matrix": matrix,
            "rows": _shown_rows(matrix),
            "legend": legend,
            "changes": [(ARROWS[value], label) for value, label in progress.Change.choices],
            "filtered": bool(request.GET),
        },
        section="reporting",
    )


def scorecard(request: HttpRequest, code: str) -> HttpResponse:
    party = get_object_or_404(Party, code=code)
    scores = progress.party_scorecard(user=request.user, party=party)
    return page(
        request,
        "reporting/progress/scorecard.html",
        {
            "party": party,
            "scores": [_scorecard_table(score) for score in scores],
        },
        section="reporting",
    )


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100)


def _scorecard_table(score: progress.InstrumentScore) -> dict:
    """Lay one instrument's scores out as rows aligned with their columns."""
    counted: list[str] = []
    for row in score.cycles:
        counted += [value for value in row.counts if value not in counted]
    return {
        "instrument": score.instrument,
        "statuses": [
            (value, ABBREVIATIONS.get(value, value), progress.STATUS_LABELS.get(value, value))
            for value in counted
        ],
        "rows": [
            {
                "score": row,
                "counts": [row.counts.get(value, 0) for value in counted],
                "share": _percent(row.advanced_share),
                "share_change": _percent(row.share_change),
                "submission": str(SubmissionStatus(row.submission_status).label)
                if row.submission_status
                else "",
                "changes": [
                    (label, row.changes.get(value, 0)) for value, label in progress.Change.choices
                ],
            }
            for row in score.cycles
        ],
        "recommendations": [
            (label, score.recommendations.get(value, 0)) for value, label in FollowUp.choices
        ],
    }
