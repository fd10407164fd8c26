"""The forms for recording a contribution (or a partner's pledge) and for moving one along.

They read and check what a person typed; ``concord.resources.contributing`` writes, checks the
permission on the record and refuses what breaks a rule, and its errors come back to the fields.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concord.forms import DescribedErrors
from concord.indicators import periods
from concord.registry.models import Body, Party, PartyKind
from concord.resources.contributing import ContributionData, Share
from concord.resources.models import ContributionStatus, FundingModality, ResourcePartner

# "A1 40%" (a share) or "B.2.1 25000" (an amount in the contribution's currency), one a line.
ALLOCATION_LINE = re.compile(r"^\s*(?P<code>\S+)\s+(?P<number>[0-9.]+)\s*(?P<percent>%?)\s*$")


class ContributionForm(DescribedErrors, forms.Form):
    partner = forms.ChoiceField(label=_("Partner"))
    organization = forms.ChoiceField(label=_("Receiving organization"))
    modality = forms.ChoiceField(label=_("Funding modality"), required=False)
    reference = forms.CharField(label=_("Reference"), max_length=64)
    title = forms.CharField(label=_("Title"), max_length=500)
    country = forms.ChoiceField(label=_("Beneficiary country"), required=False)
    region = forms.CharField(
        label=_("Beneficiary region"),
        max_length=8,
        required=False,
        help_text=_("An IATI region code (298: Africa, regional); empty with no country: global."),
    )
    amount = forms.CharField(
        label=_("Amount"),
        max_length=40,
        required=False,
        help_text=_("Digits and one decimal point, no thousands separators; empty if unknown."),
    )
    currency = forms.CharField(
        label=_("Currency"), max_length=3, required=False, help_text=_("ISO 4217: USD, EUR ...")
    )
    status = forms.ChoiceField(label=_("Status"), choices=ContributionStatus.choices)
    on = forms.DateField(label=_("Since"), help_text=_("The day it reached this status."))
    source = forms.CharField(label=_("Source"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    framework = forms.ChoiceField(label=_("Results framework"), required=False)
    allocations = forms.CharField(
        label=_("Allocations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One result a line: its code and a share (A1 40%) or an amount in the "
            "contribution's currency (B.2.1 25000). At most all of it."
        ),
    )

    def __init__(
        self, *args: Any, partners, organizations, frameworks, pledge_only: bool, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p.party.code, p.party.name) for p in partners]
        self.fields["organization"].choices = [(b.code, b.name) for b in organizations]
        modalities = FundingModality.objects.filter(organization__in=organizations)
        self.fields["modality"].choices = [
            ("", _("None")),
            *[
                (m.code, f"{m.name} ({m.organization.code})")
                for m in modalities.select_related("organization")
            ],
        ]
        states = Party.objects.filter(kind__in=[PartyKind.STATE, PartyKind.TERRITORY]).order_by(
            "name"
        )
        self.fields["country"].choices = [("", _("None")), *[(p.code, p.name) for p in states]]
        self.frameworks = frameworks.filter(body__in=organizations)
        self.fields["framework"].choices = [
            ("", _("None")),
            *[(i.pk, i.title) for i in self.frameworks],
        ]
        if pledge_only:
            self.fields["status"].choices = [
                (ContributionStatus.PIPELINE, _("pipeline (a pledge)"))
            ]

    def _fields(self, *names: str) -> list:
        return [self[name] for name in names]

    @property
    def who_fields(self) -> list:
        return self._fields("partner", "organization", "modality", "reference", "title")

    @property
    def money_fields(self) -> list:
        return self._fields("amount", "currency", "country", "region", "status", "on")

    @property
    def result_fields(self) -> list:
        return self._fields("framework", "allocations")

    @property
    def source_fields(self) -> list:
        return self._fields("source", "note")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("allocations", "").strip() and not data.get("framework"):
            self.add_error("framework", _("Name the framework whose results you allocate to."))
        return data

    def shares(self) -> list[Share]:
        """Read the allocation lines against the framework's results; ValidationError if not."""
        text = self.cleaned_data.get("allocations", "").strip()
        if not text:
            return []
        instrument = self.frameworks.get(pk=self.cleaned_data["framework"])
        nodes = {node.code: node for node in instrument.results_nodes.all()}
        shares, problems = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            match = ALLOCATION_LINE.match(line)
            node = nodes.get(match["code"]) if match else None
            if node is None:
                problems.append(
                    _("Line %(n)d: write a result's code and a share or an amount.") % {"n": number}
                )
                continue
            try:
                Decimal(match["number"])
            except InvalidOperation:
                problems.append(
                    _("Line %(n)d: %(number)s is not a number.")
                    % {"n": number, "number": match["number"]}
                )
                continue
            if match["percent"]:
                shares.append(Share(node, share=match["number"]))
            else:
                shares.append(Share(node, amount=match["number"]))
        if problems:
            raise ValidationError({"allocations": problems})
        return shares

    def contribution_data(self) -> ContributionData:
        data = self.cleaned_data
        modality = (
            FundingModality.objects.filter(
                code=data["modality"], organization__code=data["organization"]
            ).first()
            if data.get("modality")
            else None
        )
        return ContributionData(
            title=data["title"],
            modality=modality,
            country=Party.objects.filter(code=data["country"]).first()
            if data.get("country")
            else None,
            region=data["region"],
            amount=data["amount"] or None,
            currency=data["currency"],
            source=data["source"],
            note=data["note"],
        )

    def partner_and_organization(self) -> tuple[ResourcePartner, Body]:
        data = self.cleaned_data
        return (
            ResourcePartner.objects.get(party__code=data["partner"]),
            Body.objects.get(code=data["organization"]),
        )


class StatusForm(DescribedErrors, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ContributionStatus.choices)
    on = forms.DateField(label=_("On"), help_text=_("A date such as 2013-06-30."))


class SpendingForm(DescribedErrors, forms.Form):
    period = forms.CharField(label=_("Period"), max_length=16, help_text=_("2013, 2013-Q2 ..."))
    amount = forms.CharField(label=_("Amount spent"), max_length=40)

    def clean_period(self) -> str:
        try:
            return periods.parse(self.cleaned_data["period"]).code
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
