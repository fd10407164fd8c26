"""The forms of the indicators' pages: choosing a benchmark, entering a figure, reviewing one.

They only read and check what a person typed; ``concord.indicators.entry`` writes and checks
against the stored records, and its ``ValidationError``s are tied back to the fields they name.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concord.forms import DescribedErrors
from concord.indicators import periods
from concord.indicators.entry import Figure, as_number
from concord.indicators.models import Indicator, ValueStatus

BREAKDOWN_PREFIX = "breakdown_"
# The service names a figure's number "value" (as_number) or "number" (the model field).
SERVICE_FIELDS = {"value": "number"}


class BenchmarkForm(DescribedErrors, forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    group = forms.ChoiceField(label=_("Compare within"), required=False)

    def __init__(self, *args, periods: list[str], groups: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(code, code) for code in periods]
        self.fields["group"].choices = [("", _("The parties with a figure")), *groups]


class CompareForm(DescribedErrors, forms.Form):
    first = forms.ChoiceField(label=_("First indicator"))
    second = forms.ChoiceField(label=_("Second indicator"))
    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, *args, indicators: list[tuple[str, str]], periods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].choices = indicators
        self.fields["second"].choices = indicators
        latest = ("", _("The latest in common"))
        self.fields["period"].choices = [latest, *[(code, code) for code in periods]]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Choose another indicator than the first."))
        return data


class FigureForm(DescribedErrors, forms.Form):
    """A figure of one subject for one period, and one field for each breakdown declared."""

    subject = forms.ChoiceField(label=_("Party, group or organization"))
    period = forms.CharField(
        label=_("Period"),
        max_length=16,
        help_text=_("2014, 2014-H1, 2014-Q2, 2014-03, 2012-2013 (a biennium) or 2004-2006."),
    )
    number = forms.CharField(
        label=_("Value"),
        max_length=40,
        help_text=_("Digits and one decimal point, without thousands separators: 1250.5"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ValueStatus.choices, initial=ValueStatus.FINAL
    )
    source = forms.CharField(label=_("Source"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    flag = forms.CharField(
        label=_("Caution"),
        max_length=255,
        required=False,
        help_text=_("What is doubtful about this figure, if anything: readers see it as a note."),
    )

    def __init__(self, *args, indicator: Indicator, subjects: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["subject"].choices = subjects
        for name in indicator.dimensions:
            self.fields[BREAKDOWN_PREFIX + name] = forms.CharField(
                label=_("Breakdown: %(name)s") % {"name": name},
                max_length=100,
                required=False,
                help_text=_("Leave empty for the total."),
            )

    @property
    def breakdown_fields(self) -> list:
        return [self[BREAKDOWN_PREFIX + name] for name in self.indicator.dimensions]

    @property
    def main_fields(self) -> list:
        return [self[name] for name in ("subject", "period", "number", "status")]

    @property
    def source_fields(self) -> list:
        return [self[name] for name in ("source", "note", "flag")]

    def clean_period(self) -> str:
        try:
            return periods.parse(self.cleaned_data["period"]).code
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None

    def clean_number(self) -> str:
        try:
            as_number(self.cleaned_data["number"], "number")
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["number"]) from None
        return self.cleaned_data["number"]

    def figure(self) -> Figure:
        data = self.cleaned_data
        breakdown = {
            name: data[BREAKDOWN_PREFIX + name].strip()
            for name in self.indicator.dimensions
            if data.get(BREAKDOWN_PREFIX + name, "").strip()
        }
        return Figure(
            number=data["number"],
            status=data["status"],
            source=data["source"],
            note=data["note"],
            flag=data["flag"],
            breakdown=breakdown,
        )

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for name, messages in exc.message_dict.items():
            name = SERVICE_FIELDS.get(name, name)
            self.add_error(name if name in self.fields else None, messages)


class ReviewForm(DescribedErrors, forms.Form):
    """Approve a pending figure, or return it saying why."""

    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (RETURN, _("Return"))])
    comment = forms.CharField(
        label=_("Comment (needed to return the figure)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, value_id: int, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"value-{value_id}", **kwargs)

    @property
    def approves(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE
