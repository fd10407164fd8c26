"""The forms of the cooperation pages: requests, their status and steps, replies, persons.

They only read and check what a person typed; the writes, and their checks against the stored
records, are the services (``requesting``, ``answering``, ``piecing``), whose
``ValidationError``s ``add_service_errors`` ties back to the fields they name.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from concord.cooperation.answering import AssetReport
from concord.cooperation.models import (
    AssetKind,
    AssetStatus,
    Channel,
    Classification,
    CooperationRequest,
    HolderKind,
    PersonConcerned,
    RequestKind,
    RequestStatus,
    StepKind,
    Verdict,
)
from concord.forms import DescribedErrors
from concord.registry.models import Body, Party

MAX_ASSET_ROWS = 50


def _date(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


def _choices(empty: str, choices: Any) -> list[tuple[str, str]]:
    return [("", empty), *choices]


def body_label(body: Body) -> str:
    return f"{body.parent.name}: {body.name}" if body.parent_id else body.name


def person_label(person: PersonConcerned) -> str:
    return f"{person.name} ({person.case})" if person.case else person.name


class RequestFilterForm(forms.Form):
    """The list's filters, over the requests the person may see."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_choices(_("Any status"), RequestStatus.choices)
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_choices(_("Any kind"), RequestKind.choices)
    )
    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Party.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any party"),
    )

    def __init__(self, data: Any, *, parties: QuerySet[Party]) -> None:
        super().__init__(data)
        self.fields["party"].queryset = parties


class RequestForm(DescribedErrors, forms.Form):
    """A new request, drafted by an officer of one of the bodies they cover."""

    requesting_body = forms.ModelChoiceField(
        label=_("Requesting body"), queryset=Body.objects.none()
    )
    party = forms.ModelChoiceField(
        label=_("Addressed to"), queryset=Party.objects.order_by("name"), to_field_name="code"
    )
    person = forms.ModelChoiceField(
        label=_("Person concerned"),
        queryset=PersonConcerned.objects.none(),
        required=False,
        empty_label=_("No person concerned"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=_choices(_("Choose a kind"), RequestKind.choices)
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=255,
        required=False,
        help_text=_("For example: article 93, paragraph 1(k), of the Statute."),
    )
    asked = forms.CharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 5}))
    channel = forms.ChoiceField(
        label=_("Channel"), choices=_choices(_("Choose a channel"), Channel.choices)
    )
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=Classification.choices,
        initial=Classification.CONFIDENTIAL,
    )
    unseal_on = _date(_("May be unsealed on"))
    deadline = _date(_("Deadline"))
    related = forms.ModelMultipleChoiceField(
        label=_("Related requests"),
        queryset=CooperationRequest.objects.none(),
        required=False,
        help_text=_("Requests about the same assets, such as an identification before a seizure."),
    )
    send_now = forms.BooleanField(
        label=_("Send the request now (otherwise it is kept as a draft)"), required=False
    )

    FIELDS = ("kind", "legal_basis", "asked", "channel", "classification", "unseal_on", "deadline")

    def __init__(
        self,
        data: Any = None,
        *,
        bodies: QuerySet[Body],
        persons: QuerySet[PersonConcerned],
        requests: QuerySet[CooperationRequest],
    ) -> None:
        super().__init__(data)
        self.fields["requesting_body"].queryset = bodies.select_related("parent")
        self.fields["requesting_body"].label_from_instance = body_label
        self.fields["person"].queryset = persons
        self.fields["person"].label_from_instance = person_label
        self.fields["related"].queryset = requests.order_by("reference")
        self.fields["related"].label_from_instance = lambda r: r.reference
        for name in ("legal_basis", "related"):
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    def content(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class StatusForm(DescribedErrors, forms.Form):
    """Move a request to one of the statuses this person may move it to."""

    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, data: Any = None, *, statuses: list[str]) -> None:
        super().__init__(data, prefix="status")
        self.fields["status"].choices = [(s, RequestStatus(s).label) for s in statuses]


class StepForm(DescribedErrors, forms.Form):
    kind = forms.ChoiceField(
        label=_("Step"), choices=_choices(_("Choose a step"), StepKind.choices)
    )
    taken_on = _date(_("Taken on"), required=True)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, prefix="step")


class Unchecked:
    """A form shown again to add a row: kept as typed, checked only when it is sent."""

    def __init__(self, *args: Any, checked: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked = checked

    def full_clean(self) -> None:
        if self.checked:
            super().full_clean()  # type: ignore[misc]
        else:
            self._errors = ErrorDict()
            self.cleaned_data: dict[str, Any] = {}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; an empty list when none is chosen."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=MultipleFileInput(), **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ReplyForm(Unchecked, DescribedErrors, forms.Form):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 6}))
    received_on = _date(_("Received on"))
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_(
            "PDF, images, office documents or text. Choose them last: adding an asset row "
            "forgets the files chosen."
        ),
    )

    def __init__(self, data: Any = None, files: Any = None, *, checked: bool = True) -> None:
        super().__init__(data, files, prefix="reply", checked=checked)
        self.fields["files"].widget.attrs["aria-describedby"] = f"{self['files'].auto_id}-help"


class AssetForm(Unchecked, DescribedErrors, forms.Form):
    """One asset the reply reports; a row left empty is ignored."""

    kind = forms.ChoiceField(
        label=_("Kind of asset"), choices=_choices(_("Choose a kind"), AssetKind.choices)
    )
    description = forms.CharField(label=_("Description"), max_length=2000)
    holder_name = forms.CharField(label=_("Holder"), max_length=500)
    holder_kind = forms.ChoiceField(
        label=_("Holder is"), choices=_choices(_("Choose who holds it"), HolderKind.choices)
    )
    country = forms.CharField(
        label=_("Country (ISO 3166 code, such as FR)"), max_length=2, required=False
    )
    place = forms.CharField(label=_("Where"), max_length=500, required=False)
    estimated_value = forms.DecimalField(
        label=_("Estimated value"), required=False, min_value=0, max_digits=18, decimal_places=2
    )
    currency = forms.CharField(
        label=_("Currency (ISO 4217 code, such as EUR)"), max_length=3, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=AssetStatus.choices, initial=AssetStatus.IDENTIFIED
    )
    sanctions_measure = forms.CharField(
        label=_("Frozen under a Security Council sanctions measure (which)"),
        max_length=255,
        required=False,
    )

    def report(self) -> AssetReport:
        return AssetReport(**self.cleaned_data)


class BaseAssetFormSet(forms.BaseFormSet):
    checked = True

    def full_clean(self) -> None:
        if self.checked:
            super().full_clean()
        else:
            self._errors: list = []
            self._non_form_errors = self.error_class(renderer=self.renderer)

    def filled(self) -> list[AssetForm]:
        """Return the rows that report an asset, in order (after is_valid)."""
        return [form for form in self.forms if form.has_changed() and form.cleaned_data]


AssetFormSet = forms.formset_factory(
    AssetForm, formset=BaseAssetFormSet, extra=1, max_num=MAX_ASSET_ROWS, absolute_max=60
)


def asset_formset(data: Any = None, *, checked: bool = True) -> BaseAssetFormSet:
    formset = AssetFormSet(data, prefix="assets", form_kwargs={"checked": checked})
    formset.checked = checked
    return formset


def with_another_row(data: Any) -> Any:
    """Return the posted data with one more (empty) asset row, up to MAX_ASSET_ROWS."""
    data = data.copy()
    key = "assets-TOTAL_FORMS"
    rows = data.get(key, "")
    count = int(rows) if rows.isascii() and rows.isdigit() and len(rows) < 4 else 0
    data[key] = str(min(count + 1, MAX_ASSET_ROWS))
    return data


class PersonForm(DescribedErrors, forms.Form):
    requesting_body = forms.ModelChoiceField(
        label=_("Requesting body"), queryset=Body.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=500)
    case = forms.CharField(label=_("Case"), max_length=500, required=False)

    def __init__(self, data: Any = None, *, bodies: QuerySet[Body]) -> None:
        super().__init__(data)
        self.fields["requesting_body"].queryset = bodies.select_related("parent")
        self.fields["requesting_body"].label_from_instance = body_label


class MatchForm(forms.Form):
    """The officer's verdict on a suggested match, as its buttons post it."""

    first = forms.IntegerField(min_value=1)
    second = forms.IntegerField(min_value=1)
    verdict = forms.ChoiceField(choices=Verdict.choices)
