"""The forms for registering a partner, recording a priority, an exchange rate, and a need
(or changing one)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concord.forms import DescribedErrors
from concord.registry.models import Party, PartyKind, ResultsNode
from concord.resources.iati.codelists import choices
from concord.resources.models import FundingModality, NeedKind, ResourcePartner
from concord.resources.needs import FROM_PROJECT, NeedData


def codelist_choices(name: str) -> list[tuple[str, str]]:
    """The codes of an IATI codelist to choose from, each with its name."""
    return [(code, f"{code} {title}") for code, title in choices(name)]


class PartnerForm(DescribedErrors, forms.Form):
    party = forms.ChoiceField(label=_("Party"))
    organisation_type = forms.ChoiceField(label=_("IATI organisation type"))
    iati_identifier = forms.CharField(
        label=_("IATI organisation identifier"),
        max_length=64,
        required=False,
        help_text=_("As registered with IATI, such as XM-DAC-7 (if it has one)."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = Party.objects.exclude(pk__in=ResourcePartner.objects.values("party_id")).order_by(
            "name"
        )
        self.fields["party"].choices = [(p.code, p.name) for p in parties]
        self.fields["organisation_type"].choices = codelist_choices("OrganisationType")


class PriorityForm(DescribedErrors, forms.Form):
    node = forms.ChoiceField(label=_("Result"), required=False)
    sdg_target = forms.CharField(
        label=_("SDG target"), max_length=8, required=False, help_text=_("Such as 16.5.")
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    modality = forms.ChoiceField(label=_("Funding modality"), required=False)
    starts_on = forms.DateField(label=_("From"), required=False, help_text=_("2026-01-01"))
    ends_on = forms.DateField(label=_("Until"), required=False, help_text=_("2027-12-31"))
    source = forms.CharField(label=_("Source"), max_length=255, required=False)

    def __init__(self, *args: Any, frameworks, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nodes = ResultsNode.objects.filter(framework__in=frameworks).select_related("framework")
        self.fields["node"].choices = [
            ("", _("None")),
            *[(n.pk, f"{n.code} {n.title[:80]} ({n.framework.title[:40]})") for n in nodes],
        ]
        states = Party.objects.filter(kind__in=[PartyKind.STATE, PartyKind.TERRITORY])
        self.fields["country"].choices = [
            ("", _("None")),
            *[(p.code, p.name) for p in states.order_by("name")],
        ]
        modalities = FundingModality.objects.select_related("organization")
        self.fields["modality"].choices = [
            ("", _("None")),
            *[(m.pk, f"{m.name} ({m.organization.code})") for m in modalities],
        ]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "node": ResultsNode.objects.filter(pk=data["node"]).first() if data["node"] else None,
            "sdg_target": data["sdg_target"],
            "country": Party.objects.filter(code=data["country"]).first()
            if data["country"]
            else None,
            "modality": FundingModality.objects.filter(pk=data["modality"]).first()
            if data["modality"]
            else None,
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "source": data["source"],
        }


class RateForm(DescribedErrors, forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3, help_text=_("ISO 4217: EUR"))
    base = forms.CharField(label=_("Worth, in"), max_length=3, initial="USD")
    rate = forms.CharField(
        label=_("Rate"),
        max_length=40,
        help_text=_("Units of the second currency one unit of the first was worth: 1.2939"),
    )
    on = forms.DateField(label=_("On"), help_text=_("2012-01-02"))
    source = forms.CharField(label=_("Source"), max_length=255)


class NeedForm(DescribedErrors, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=NeedKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    amount = forms.CharField(
        label=_("Amount"),
        max_length=40,
        required=False,
        help_text=_("For money: digits and one decimal point, no thousands separators."),
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    nodes = forms.MultipleChoiceField(
        label=_("Results it serves"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    sdg_targets = forms.CharField(
        label=_("SDG targets"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas: 16.5, 16.6"),
    )
    starts_on = forms.DateField(label=_("Needed from"), required=False, help_text=_("2026-01-01"))
    ends_on = forms.DateField(label=_("Needed until"), required=False, help_text=_("2027-12-31"))
    source = forms.CharField(label=_("Source"), max_length=255, required=False)
    published = forms.BooleanField(label=_("Publish it"), required=False)

    def __init__(
        self, *args: Any, frameworks, may_publish: bool, from_project: bool = False, **kwargs: Any
    ) -> None:
        """``from_project``: the need is drawn from a reform project, whose facts are changed
        there, so the form leaves them out (``FROM_PROJECT``)."""
        super().__init__(*args, **kwargs)
        for name in FROM_PROJECT if from_project else ():
            del self.fields[name]
        if "country" in self.fields:
            states = Party.objects.filter(kind__in=[PartyKind.STATE, PartyKind.TERRITORY])
            self.fields["country"].choices = [
                ("", _("None")),
                *[(p.code, p.name) for p in states.order_by("name")],
            ]
        nodes = ResultsNode.objects.filter(framework__in=frameworks).select_related("framework")
        self.fields["nodes"].choices = [
            (str(n.pk), f"{n.code} {n.title[:80]} ({n.framework.title[:40]})") for n in nodes
        ]
        if not may_publish:
            del self.fields["published"]

    def need_data(self, current: NeedData | None = None) -> NeedData:
        """What the form says, keeping from ``current`` what it does not ask: the facts it
        leaves out, and the results of frameworks it does not offer to this person."""
        data = self.cleaned_data
        kept = current or NeedData()
        asked = {name: data[name] for name in FROM_PROJECT if name in self.fields}
        if "country" in asked:
            code = asked["country"]
            asked["country"] = Party.objects.filter(code=code).first() if code else None
        if "amount" in asked:
            asked["amount"] = asked["amount"] or None
        offered = {pk for pk, _label in self.fields["nodes"].choices}
        nodes = [node for node in kept.nodes if str(node.pk) not in offered]
        nodes += ResultsNode.objects.filter(pk__in=data["nodes"])
        return NeedData(
            **{name: asked.get(name, getattr(kept, name)) for name in FROM_PROJECT},
            title=data["title"],
            nodes=nodes,
            sdg_targets=[code.strip() for code in data["sdg_targets"].split(",") if code.strip()],
            source=data["source"],
            illustrative=kept.illustrative,
            published=data["published"] if "published" in self.fields else kept.published,
        )


def need_initial(need: NeedData) -> dict[str, Any]:
    """What the need form shows of a need to change."""
    return {
        "title": need.title,
        "country": need.country.code if need.country else "",
        "kind": need.kind,
        "description": need.description,
        "amount": "" if need.amount is None else f"{need.amount:f}",
        "currency": need.currency,
        "nodes": [str(node.pk) for node in need.nodes],
        "sdg_targets": ", ".join(need.sdg_targets),
        "starts_on": need.starts_on,
        "ends_on": need.ends_on,
        "source": need.source,
        "published": need.published,
    }
