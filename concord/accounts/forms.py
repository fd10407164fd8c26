from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from concord.accounts.models import RoleKind
from concord.accounts.services import TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS
from concord.registry.models import Body, Instrument, Party


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=TOKEN_MAX_DAYS,
        initial=TOKEN_DEFAULT_DAYS,
    )


class ScopeForm(forms.Form):
    """The kind of a role and where it applies, shared by grants and invitations."""

    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    party = forms.ModelChoiceField(
        label=_("Party"), queryset=Party.objects.all(), required=False, to_field_name="code"
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.all(), required=False, to_field_name="code"
    )
    instrument = forms.ModelChoiceField(
        label=_("Instrument"),
        queryset=Instrument.objects.order_by("title"),
        required=False,
    )


class GrantForm(ScopeForm):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        to_field_name="username",
    )
    starts_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    field_order = ["user", "kind", "party", "body", "instrument", "starts_on", "ends_on", "note"]


class InvitationForm(ScopeForm):
    email = forms.EmailField(label=_("E-mail address"))

    field_order = ["email", "kind", "party", "body", "instrument"]


class AcceptForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class StatusForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        required=False,
        help_text=_("Kept in the audit trail with the change."),
    )
