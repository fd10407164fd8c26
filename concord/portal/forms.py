"""The GET forms behind the lists' filters and the search box (they work without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from concord.registry.models import Body, Group, InstrumentKind, Party, PartyKind


def _any(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class InstrumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Words or symbol"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    body = forms.ChoiceField(label=_("Adopted by"), required=False)
    party = forms.ChoiceField(label=_("Party taking part"), required=False)

    def __init__(self, *args, bodies: list[Body], parties: list[Party], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _any(_("Any kind")) + list(InstrumentKind.choices)
        self.fields["body"].choices = _any(_("Any body")) + [(b.code, b.name) for b in bodies]
        self.fields["party"].choices = _any(_("Any party")) + [(p.code, p.name) for p in parties]


class PartyFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    group = forms.ChoiceField(label=_("Group"), required=False)

    def __init__(self, *args, groups: list[Group], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _any(_("Any kind")) + list(PartyKind.choices)
        self.fields["group"].choices = _any(_("Any group")) + [(g.slug, g.name) for g in groups]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search instruments, provisions and parties"), max_length=200)


def filters_of(form: forms.Form) -> dict[str, str]:
    """Return the filters a person chose that are valid; a bad value is reported and ignored."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value}
