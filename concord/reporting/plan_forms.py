"""The forms of the plan pages: a planned action, a reform project with its support needs, and
the steering group's review of a project.

They only read and check what a person typed; the writes (and their checks against the stored
records) are ``concord.reporting.planning`` and ``concord.reporting.projects``, whose
``ValidationError``s ``add_service_errors`` ties back to the fields they name.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from concord.accounts.selectors import instruments_open_to
from concord.forms import DescribedErrors
from concord.registry.models import Instrument, Party, Provision
from concord.reporting.answers import ImplementationStatus
from concord.reporting.models import (
    PlanAction,
    PlanStatus,
    ProjectReview,
    ProjectStage,
    Recommendation,
    ReformProject,
    ReportingCycle,
    SupportKind,
    SupportNeed,
)
from concord.reporting.planning import ActionContent
from concord.reporting.projects import ProjectContent, SupportNeedSpec

TEXT_MAX_LENGTH = 20_000
LIST_MAX_LENGTH = 5_000
MAX_SUPPORT_ROWS = 30
EXTRA_SUPPORT_ROWS = 3


def _text(label: str, *, required: bool = False, max_length: int = TEXT_MAX_LENGTH, rows=4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label: str, *, required: bool = False, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}), **kwargs
    )


def _provision_label(provision: Provision) -> str:
    words = provision.heading or provision.text
    shown = Truncator(words).words(14) if words else ""
    return f"{provision.ref} — {shown}" if shown else provision.ref


def _recommendation_label(recommendation: Recommendation) -> str:
    return f"{Truncator(recommendation.text).words(20)} ({recommendation.cycle.name})"


def provisions_of(instrument: Instrument) -> QuerySet[Provision]:
    return Provision.objects.filter(instrument=instrument).order_by("seq")


class ActionForm(DescribedErrors, forms.Form):
    """What a planned action says, and the recommendations and provisions it answers.

    The choices are the party's recommendations under the instrument that ``user`` may see,
    and the instrument's provisions: anything else sent is refused as an invalid choice.
    """

    title = forms.CharField(label=_("Action"), max_length=500)
    description = _text(_("Description"))
    lead_institution = forms.CharField(label=_("Lead institution"), max_length=255)
    partners = _text(_("Partners"), max_length=LIST_MAX_LENGTH, rows=2)
    due_date = _date(_("Due date"))
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    indicators = _text(_("Indicators that will show it"), max_length=LIST_MAX_LENGTH, rows=2)
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Recommendations answered"),
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    provisions = forms.ModelMultipleChoiceField(
        label=_("Provisions answered"),
        queryset=Provision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    PLAIN = (
        "title",
        "description",
        "lead_institution",
        "partners",
        "due_date",
        "status",
        "indicators",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        recommendations: QuerySet[Recommendation],
        instrument: Instrument,
        action: PlanAction | None = None,
    ) -> None:
        initial: dict[str, Any] = {"status": PlanStatus.PLANNED}
        if action is not None:
            initial = {name: getattr(action, name) for name in self.PLAIN}
            initial["recommendations"] = [r.pk for r in action.recommendations.all()]
            initial["provisions"] = [p.pk for p in action.provisions.all()]
        super().__init__(data, initial=initial)
        chosen = self.fields["recommendations"]
        chosen.queryset = recommendations.select_related("cycle").order_by("cycle__opens_on", "pk")
        chosen.label_from_instance = _recommendation_label
        answered = self.fields["provisions"]
        answered.queryset = provisions_of(instrument)
        answered.label_from_instance = _provision_label

    def content(self) -> ActionContent:
        data = self.cleaned_data
        return ActionContent(
            **{name: data[name] for name in self.PLAIN},
            recommendations=list(data["recommendations"]),
            provisions=list(data["provisions"]),
        )


class ProjectForm(DescribedErrors, forms.Form):
    """What a reform project says; its support needs are the ``SupportNeedForm`` rows."""

    title = forms.CharField(label=_("Title"), max_length=500)
    priority_area = forms.CharField(label=_("Priority area"), max_length=255)
    objectives = _text(_("Objectives"), required=True)
    means = _text(_("Means"))
    outcomes = _text(_("Measurable outcomes"))
    impacts = _text(_("Impacts"))
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    responsible_agency = forms.CharField(label=_("Responsible agency"), max_length=255)
    provisions = forms.ModelMultipleChoiceField(
        label=_("Provisions served"),
        queryset=Provision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    PLAIN = (
        "title",
        "priority_area",
        "objectives",
        "means",
        "outcomes",
        "impacts",
        "responsible_agency",
        "starts_on",
        "ends_on",
    )

    def __init__(
        self, data: Any = None, *, instrument: Instrument, project: ReformProject | None = None
    ) -> None:
        initial = {}
        if project is not None:
            initial = {
                **{name: getattr(project, name) for name in self.PLAIN},
                "provisions": [p.pk for p in project.provisions.all()],
            }
        super().__init__(data, initial=initial)
        served = self.fields["provisions"]
        served.queryset = provisions_of(instrument)
        served.label_from_instance = _provision_label

    def content(self, needs: list[SupportNeedSpec]) -> ProjectContent:
        data = self.cleaned_data
        return ProjectContent(
            **{name: data[name] for name in self.PLAIN},
            provisions=list(data["provisions"]),
            support_needs=needs,
        )


class SupportNeedForm(DescribedErrors, forms.Form):
    """One row of support a project needs; a row left blank is no need."""

    kind = forms.ChoiceField(
        label=_("Kind of support"), choices=[("", _("Choose a kind")), *SupportKind.choices]
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=LIST_MAX_LENGTH
    )
    amount = forms.DecimalField(
        label=_("Amount"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    currency = forms.CharField(
        label=_("Currency (ISO 4217)"),
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"size": 4, "autocomplete": "off"}),
        help_text=_("Three letters, such as USD or EUR; needed with an amount."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        help_id = f"{self['currency'].auto_id}-help"
        self.fields["currency"].widget.attrs["aria-describedby"] = help_id

    def spec(self) -> SupportNeedSpec:
        fields = ("kind", "description", "amount", "currency")
        return SupportNeedSpec(**{name: self.cleaned_data[name] for name in fields})


class SupportNeedRows(forms.BaseFormSet):
    """The support need rows; removed and blank rows are left out of ``specs``."""

    def kept(self) -> list[SupportNeedForm]:
        """The stored rows not removed, then the new rows filled in, in order."""
        stored = self.initial_form_count()
        return [
            form
            for index, form in enumerate(self.forms)
            if (form.has_changed() or index < stored) and not self._should_delete_form(form)
        ]

    def specs(self) -> list[SupportNeedSpec]:
        return [form.spec() for form in self.kept()]

    def add_service_errors(self, exc: ValidationError) -> ValidationError | None:
        """Tie ``support_needs.<n>.<field>`` errors to the kept rows; return the other errors."""
        kept = self.kept()
        rest: dict[str, list[str]] = {}
        for key, messages in exc.message_dict.items():
            parts = key.split(".")
            if parts[0] == "support_needs" and len(parts) == 3 and parts[1].isdigit():
                index = int(parts[1])
                if index < len(kept):
                    form = kept[index]
                    form.add_error(parts[2] if parts[2] in form.fields else None, messages)
                    continue
            rest[key] = messages
        return ValidationError(rest) if rest else None

    def describe_errors(self) -> None:
        for form in self.forms:
            form.describe_errors()


def support_need_rows(
    data: Any = None, *, needs: Iterable[SupportNeed] = (), rows: int = EXTRA_SUPPORT_ROWS
) -> SupportNeedRows:
    """The stored needs (each removable) and ``rows`` blank rows to add new ones."""
    initial = [
        {
            "kind": need.kind,
            "description": need.description,
            "amount": need.amount,
            "currency": need.currency,
        }
        for need in needs
    ]
    extra = max(0, min(rows, MAX_SUPPORT_ROWS - len(initial)))
    factory = forms.formset_factory(
        SupportNeedForm,
        formset=SupportNeedRows,
        extra=extra,
        can_delete=True,
        can_delete_extra=False,
        max_num=MAX_SUPPORT_ROWS,
        absolute_max=MAX_SUPPORT_ROWS,
        validate_max=True,
    )
    return factory(data, initial=initial, prefix="needs")


class ProjectReviewForm(DescribedErrors, forms.Form):
    """The steering group's midterm or final review of a published project."""

    stage = forms.ChoiceField(label=_("Stage"), choices=ProjectStage.choices)
    rating = forms.ChoiceField(
        label=_("Progress"),
        choices=[("", _("No rating")), *ImplementationStatus.choices],
        required=False,
    )
    assessment = _text(_("Assessment"), required=True, rows=6)
    reviewed_on = _date(_("Reviewed on"), required=True)

    def __init__(self, data: Any = None, *, done: Iterable[ProjectReview] = ()) -> None:
        stages = {review.stage for review in done}
        next_stage = next((s for s in ProjectStage.values if s not in stages), None)
        super().__init__(data, initial={"stage": next_stage, "reviewed_on": timezone.localdate()})

    def review(self) -> dict[str, Any]:
        """The arguments ``project_review`` takes, as typed."""
        return dict(self.cleaned_data)


def instruments_to_plan_under(user: Any, party: Party) -> QuerySet[Instrument]:
    """The instruments ``party`` reports under (a cycle names it) that ``user`` may plan under."""
    reported = ReportingCycle.objects.filter(parties=party).values("instrument_id")
    return instruments_open_to(user).filter(pk__in=reported).order_by("title")


class InstrumentPickForm(forms.Form):
    """The instrument a new action or project is planned under (sent by GET, as ``instrument``)."""

    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.none(), empty_label=None
    )

    def __init__(self, data: Any = None, *, instruments: QuerySet[Instrument]) -> None:
        super().__init__(data)
        self.fields["instrument"].queryset = instruments
        self.fields["instrument"].label_from_instance = lambda instrument: instrument.title
