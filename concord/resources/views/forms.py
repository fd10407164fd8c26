"""The forms of the resources pages: what funding by result shows, and how."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concord.forms import DescribedErrors
from concord.indicators import periods
from concord.resources.iati.codelists import codelist
from concord.resources.models import Earmarking, FundingModality, ResourcePartner


class FundingForm(DescribedErrors, forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD", required=False)
    on = forms.DateField(
        label=_("Exchange rates of"),
        required=False,
        help_text=_("A date such as 2013-12-31; today when empty."),
    )
    modality = forms.ChoiceField(label=_("Funding modality"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    earmarking = forms.ChoiceField(
        label=_("Earmarking"),
        required=False,
        choices=[("", _("Any earmarking")), *Earmarking.choices],
    )
    period = forms.CharField(
        label=_("Contributions of the period"),
        max_length=16,
        required=False,
        help_text=_("2013, 2012-2013 ...: contributions whose status dates from it."),
    )

    def __init__(self, *args, organization_ids: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        modalities = FundingModality.objects.filter(organization_id__in=organization_ids)
        self.fields["modality"].choices = [
            ("", _("Any modality")),
            *[(m.code, m.name) for m in modalities.order_by("name")],
        ]
        self.fields["partner"].choices = [
            ("", _("Any partner")),
            *[
                (p.party.code, p.party.name)
                for p in ResourcePartner.objects.select_related("party")
            ],
        ]

    def clean_currency(self) -> str:
        currency = (self.cleaned_data["currency"] or "USD").strip().upper()
        if currency not in codelist("Currency"):
            raise ValidationError(_("%(code)s is not an ISO 4217 currency.") % {"code": currency})
        return currency

    def clean_period(self):
        code = self.cleaned_data["period"].strip()
        if not code:
            return None
        try:
            return periods.parse(code)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
