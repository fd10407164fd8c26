"""The forms of the directory's pages: an entry for a focal point or central authority, a law,
a meeting, a best practice.

They only read and check what a person typed; the writes and their checks against the stored
records are ``concord.directory.contacts``, ``legislation``, ``meetings`` and ``practices``,
whose ``ValidationError``s ``add_service_errors`` ties back to the fields they name.
"""

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from concord.directory.contacts import ContactContent, check_languages
from concord.directory.legislation import LegislationContent
from concord.directory.meetings import MeetingContent
from concord.directory.models import (
    BestPractice,
    Contact,
    ContactKind,
    Legislation,
    LegislationKind,
    Meeting,
    MeetingKind,
)
from concord.directory.practices import PracticeContent
from concord.forms import DescribedErrors
from concord.registry.dates import DatePrecision
from concord.registry.models import Body, Instrument, Party, Provision


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _optional_choice(label: str, queryset: QuerySet, empty: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=queryset, required=False, empty_label=empty)


def _checked(codes: list[str], field: str) -> list[str]:
    """The ISO 639-1 codes, checked as the services check them, the error on this field."""
    try:
        return check_languages(codes, field=field)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict[field]) from None


def provision_label(provision: Provision) -> str:
    words = provision.heading or provision.text
    shown = Truncator(words).words(14) if words else ""
    return f"{provision.number or provision.ref} — {shown}" if shown else provision.ref


class ContactForm(DescribedErrors, forms.Form):
    """An entry; its party is chosen only when it is added (from those the person keeps)."""

    party = forms.ModelChoiceField(
        label=_("Party"), queryset=Party.objects.none(), to_field_name="code"
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    name = forms.CharField(label=_("Name"), max_length=255)
    function = forms.CharField(label=_("Function"), max_length=255, required=False)
    organization = forms.CharField(label=_("Organization"), max_length=255)
    instrument = _optional_choice(
        _("For the instrument"),
        Instrument.objects.published().order_by("title"),
        _("Any instrument"),
    )
    body = _optional_choice(_("For the body"), Body.objects.order_by("name"), _("Any body"))
    languages = forms.CharField(
        label=_("Languages"),
        max_length=200,
        required=False,
        help_text=_("ISO 639-1 codes separated by spaces or commas, such as: en, fr, ar."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=64, required=False)
    valid_from = _date(_("Valid from"))
    valid_until = _date(_("Valid until"))

    PLAIN = ("kind", "name", "function", "organization", "email", "phone")
    DATES = ("valid_from", "valid_until")

    def __init__(
        self,
        data: Any = None,
        *,
        parties: QuerySet[Party],
        contact: Contact | None = None,
        party: Party | None = None,
    ) -> None:
        initial: dict[str, Any] = {"party": party.code if party else None}
        if contact is not None:
            initial = {name: getattr(contact, name) for name in (*self.PLAIN, *self.DATES)}
            initial["instrument"] = contact.instrument_id
            initial["body"] = contact.body_id
            initial["languages"] = ", ".join(contact.languages)
        super().__init__(data, initial=initial)
        if contact is not None:
            del self.fields["party"]
        else:
            self.fields["party"].queryset = parties
        self.fields["instrument"].label_from_instance = lambda i: i.title
        self.fields["body"].label_from_instance = lambda b: b.name
        self.fields["languages"].widget.attrs["aria-describedby"] = (
            f"{self['languages'].auto_id}-help"
        )

    def clean_languages(self) -> list[str]:
        codes = [code for code in re.split(r"[\s,;]+", self.cleaned_data["languages"]) if code]
        return _checked(codes, "languages")

    def content(self) -> ContactContent:
        data = self.cleaned_data
        return ContactContent(
            **{name: data[name] for name in (*self.PLAIN, *self.DATES)},
            instrument=data["instrument"],
            body=data["body"],
            languages=data["languages"],
        )


class LegislationForm(DescribedErrors, forms.Form):
    """A law, and which provisions of one instrument it implements.

    The provisions offered are those of ``instrument`` (chosen beforehand with
    ``InstrumentPickForm``); what the law implements under other instruments is kept as it is.
    """

    party = forms.ModelChoiceField(
        label=_("Party"), queryset=Party.objects.none(), to_field_name="code"
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=LegislationKind.choices)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    adopted_on = _date(_("Adopted on"))
    in_force_on = _date(_("In force from"))
    repealed_on = _date(_("Repealed on"))
    url = forms.URLField(
        label=_("Link to the text"), max_length=2000, required=False, assume_scheme="https"
    )
    language = forms.CharField(
        label=_("Language of the text"),
        max_length=8,
        required=False,
        help_text=_("An ISO 639-1 code, such as en or fr."),
    )
    provisions = forms.ModelMultipleChoiceField(
        label=_("Provisions it implements"),
        queryset=Provision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    PLAIN = (
        "title",
        "kind",
        "summary",
        "adopted_on",
        "in_force_on",
        "repealed_on",
        "url",
        "language",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        parties: QuerySet[Party],
        instrument: Instrument | None,
        legislation: Legislation | None = None,
        party: Party | None = None,
        provision: Provision | None = None,
    ) -> None:
        self.kept: list[Provision] = []
        initial: dict[str, Any] = {"party": party.code if party else None}
        if provision is not None:
            initial["provisions"] = [provision.pk]
        if legislation is not None:
            implemented = list(legislation.provisions.all())
            initial = {name: getattr(legislation, name) for name in self.PLAIN}
            initial["provisions"] = [p.pk for p in implemented]
            self.kept = [p for p in implemented if instrument is None or p.instrument != instrument]
        super().__init__(data, initial=initial)
        if legislation is not None:
            del self.fields["party"]
        else:
            self.fields["party"].queryset = parties
        if instrument is None:
            del self.fields["provisions"]
        else:
            self.fields["provisions"].queryset = Provision.objects.filter(
                instrument=instrument
            ).order_by("seq")
            self.fields["provisions"].label_from_instance = provision_label
        self.fields["language"].widget.attrs["aria-describedby"] = (
            f"{self['language'].auto_id}-help"
        )

    def clean_language(self) -> str:
        return (_checked([self.cleaned_data["language"]], "language") or [""])[0]

    def content(self) -> LegislationContent:
        data = self.cleaned_data
        chosen = list(data["provisions"]) if "provisions" in self.fields else []
        return LegislationContent(
            **{name: data[name] for name in self.PLAIN}, provisions=[*self.kept, *chosen]
        )


def instrument_label(instrument: Instrument) -> str:
    title = instrument.translated("title").text
    return f"{instrument.symbol} — {title}" if instrument.symbol else title


def _choices(label: str, queryset: QuerySet, help_text: str = "", **kwargs: Any) -> forms.Field:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        **kwargs,
    )


def _first_day(day: dt.date | None, precision: str) -> dt.date | None:
    """Return the first day of the month or year ``day`` falls in, as ``precision`` keeps it."""
    if day is None or precision == DatePrecision.DAY:
        return day
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    return day.replace(month=1, day=1)


class MeetingForm(DescribedErrors, forms.Form):
    """A meeting of one of the bodies the person records meetings of.

    Known only to the month or the year, a date may be any day of it: the first day of that
    month or year is what is kept, as ``Meeting`` stores it. Documents and decisions are chosen
    among the instruments the person may see; those linked that the person cannot see stay
    linked (``meetings.meeting_update`` keeps them).
    """

    body = forms.ModelChoiceField(
        label=_("Body that met"),
        queryset=Body.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a body"),
        help_text=_("The bodies whose meetings you record: those your secretariat role covers."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    precision = forms.ChoiceField(
        label=_("Dates known to"),
        choices=[
            (DatePrecision.DAY, _("the day")),
            (DatePrecision.MONTH, _("the month only")),
            (DatePrecision.YEAR, _("the year only")),
        ],
        initial=DatePrecision.DAY,
        help_text=_(
            "Known only to the month or the year? Give any day of it: only the month or the "
            "year is kept and shown."
        ),
    )
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave it empty for a meeting of one day."),
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    participants = _choices(
        _("Participants"),
        Party.objects.order_by("name"),
        _("The parties that took part."),
        to_field_name="code",
    )
    documents = _choices(
        _("Documents discussed"), Instrument.objects.none(), _("The instruments it discussed.")
    )
    decisions = _choices(
        _("Decisions taken"), Instrument.objects.none(), _("The instruments it adopted.")
    )

    PLAIN = ("kind", "title", "precision", "starts_on", "ends_on", "place", "agenda")
    HELPED = ("body", "precision", "ends_on")

    def __init__(
        self,
        data: Any = None,
        *,
        bodies: QuerySet[Body],
        instruments: QuerySet[Instrument],
        meeting: Meeting | None = None,
        body: Body | None = None,
    ) -> None:
        initial: dict[str, Any] = {"body": body.code if body else None}
        if meeting is not None:
            initial = {name: getattr(meeting, name) for name in self.PLAIN}
            initial["body"] = meeting.body.code
            initial["participants"] = [p.code for p in meeting.participants.all()]
            initial["documents"] = [i.pk for i in meeting.documents.all()]
            initial["decisions"] = [i.pk for i in meeting.decisions.all()]
        super().__init__(data, initial=initial)
        self.fields["body"].queryset = bodies
        self.fields["body"].label_from_instance = lambda b: b.translated("name").text
        self.fields["participants"].label_from_instance = lambda p: p.translated("name").text
        for name in ("documents", "decisions"):
            self.fields[name].queryset = instruments.order_by("title", "pk")
            self.fields[name].label_from_instance = instrument_label
        for name in self.HELPED:
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        precision = data.get("precision") or DatePrecision.DAY
        for name in ("starts_on", "ends_on"):
            if data.get(name) is not None:
                data[name] = _first_day(data[name], precision)
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("A meeting ends on or after its first day."))
        return data

    def content(self) -> MeetingContent:
        data = self.cleaned_data
        return MeetingContent(
            **{name: data[name] for name in self.PLAIN},
            body=data["body"].code,
            participants=[p.code for p in data["participants"]],
            documents=[i.pk for i in data["documents"]],
            decisions=[i.pk for i in data["decisions"]],
        )


class PracticeForm(DescribedErrors, forms.Form):
    """A best practice, and which provisions of one instrument it serves.

    As with ``LegislationForm``, the provisions offered are those of ``instrument`` (chosen
    beforehand with a picker); those it serves under other instruments are kept as they are.
    """

    title = forms.CharField(label=_("Title"), max_length=500)
    description = forms.CharField(
        label=_("Description"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    parties = _choices(
        _("From the parties"),
        Party.objects.order_by("name"),
        _("The parties whose practice it is."),
        to_field_name="code",
    )
    provisions = _choices(_("Provisions it serves"), Provision.objects.none())
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        required=False,
        help_text=_("Where the practice is described, such as a report or a handbook."),
    )
    source_url = forms.URLField(
        label=_("Link to the source"), max_length=2000, required=False, assume_scheme="https"
    )

    PLAIN = ("title", "description", "source", "source_url")

    def __init__(
        self,
        data: Any = None,
        *,
        instrument: Instrument | None,
        practice: BestPractice | None = None,
    ) -> None:
        self.kept: list[Provision] = []
        initial: dict[str, Any] = {}
        if practice is not None:
            served = list(practice.provisions.all())
            initial = {name: getattr(practice, name) for name in self.PLAIN}
            initial["parties"] = [p.code for p in practice.parties.all()]
            initial["provisions"] = [p.pk for p in served]
            self.kept = [p for p in served if instrument is None or p.instrument != instrument]
        super().__init__(data, initial=initial)
        self.fields["parties"].label_from_instance = lambda p: p.translated("name").text
        if instrument is None:
            del self.fields["provisions"]
        else:
            self.fields["provisions"].queryset = Provision.objects.filter(
                instrument=instrument
            ).order_by("seq")
            self.fields["provisions"].label_from_instance = provision_label
        self.fields["source"].widget.attrs["aria-describedby"] = f"{self['source'].auto_id}-help"

    def content(self) -> PracticeContent:
        data = self.cleaned_data
        chosen = list(data["provisions"]) if "provisions" in self.fields else []
        return PracticeContent(
            **{name: data[name] for name in self.PLAIN},
            parties=[p.code for p in data["parties"]],
            provisions=[(p.instrument_id, p.ref) for p in [*self.kept, *chosen]],
        )


class InstrumentPickForm(forms.Form):
    """The instrument whose provisions are shown (sent by GET, as ``instrument``)."""

    instrument = forms.ModelChoiceField(
        label=_("Instrument"),
        queryset=Instrument.objects.published().order_by("title"),
        empty_label=_("Choose an instrument"),
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["instrument"].label_from_instance = lambda i: i.title


class OpenInstrumentPickForm(InstrumentPickForm):
    """The instrument whose provisions are shown, among those ``instruments`` (sent by GET)."""

    def __init__(
        self, data: Any = None, *, instruments: QuerySet[Instrument], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["instrument"].queryset = instruments.order_by("title", "pk")


class GapsForm(DescribedErrors, InstrumentPickForm):
    """The party and instrument whose gaps are shown (sent by GET)."""

    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Party.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("Choose a party"),
    )
    field_order = ("party", "instrument")


class ContactFilterForm(forms.Form):
    """The filters of the public list (sent by GET); each may be left out."""

    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Party.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All parties"),
    )
    instrument = _optional_choice(
        _("Instrument"), Instrument.objects.published().order_by("title"), _("All instruments")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ContactKind.choices], required=False
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        self.fields["instrument"].label_from_instance = lambda i: i.title


class LegislationFilterForm(forms.Form):
    """The search and filters of the public list (sent by GET); each may be left out."""

    q = forms.CharField(label=_("Words of the title or summary"), max_length=500, required=False)
    party = ContactFilterForm.base_fields["party"]
    instrument = ContactFilterForm.base_fields["instrument"]
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *LegislationKind.choices], required=False
    )
    in_force = forms.BooleanField(label=_("Only in force today"), required=False)

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        self.fields["instrument"].label_from_instance = lambda i: i.title
