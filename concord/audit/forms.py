"""The audit trail's filters as a plain GET form (it works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from concord.audit import selectors
from concord.audit.context import Source

FILTERS = ("object_type", "object_id", "user", "since", "source")


class AuditFilterForm(forms.Form):
    object_type = forms.ChoiceField(label=_("Type of record"), required=False)
    object_id = forms.CharField(label=_("Record id"), required=False, max_length=40)
    user = forms.CharField(label=_("Made by (username)"), required=False, max_length=150)
    since = forms.DateField(
        label=_("Made on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    source = forms.ChoiceField(label=_("Made from"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("Any type"))] + [
            (label, f"{model._meta.verbose_name} ({label})")
            for label, model in selectors.audited_models().items()
        ]
        self.fields["source"].choices = [("", _("Anywhere")), *Source.choices]

    def filters(self) -> selectors.AuditFilters:
        """Return the valid filters; a bad one is reported beside its field and ignored."""
        self.is_valid()
        chosen = {name: self.cleaned_data.get(name) for name in FILTERS}
        chosen = {name: value for name, value in chosen.items() if value}
        while True:
            try:
                return selectors.audit_filters(**chosen)
            except selectors.AuditFilterError as exc:
                self.add_error(exc.field, exc.message)
                chosen.pop(exc.field, None)

    @property
    def filtered(self) -> bool:
        return any(self.data.get(name) for name in FILTERS)
