"""The forms for recording or changing a funding modality, and an organization's IATI publisher.

They offer only what the person may choose; ``concord.resources.modalities`` and
``concord.resources.publishing`` check the rest, and their errors come back to the fields.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concord.forms import DescribedErrors
from concord.registry.models import Body
from concord.resources.modalities import ModalityData
from concord.resources.models import Earmarking, FundingModality, IatiPublisher
from concord.resources.views.partner_forms import codelist_choices


class ModalityForm(DescribedErrors, forms.Form):
    organization = forms.ChoiceField(label=_("Organization"))
    parent = forms.ChoiceField(
        label=_("Window of"),
        required=False,
        help_text=_("Leave empty for a modality of its own; a window belongs to one."),
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=32,
        help_text=_("Letters, digits and hyphens, unique in the organization: mdtf, sfera-airc."),
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    earmarking = forms.ChoiceField(label=_("Earmarking"), choices=Earmarking.choices)
    aid_type = forms.ChoiceField(label=_("IATI aid type"), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.CharField(label=_("Source"), max_length=255, required=False)

    def __init__(
        self,
        *args: Any,
        organizations: list[Body] | None,
        modality: FundingModality | None = None,
        **kwargs: Any,
    ) -> None:
        """Offer ``organizations`` to choose from, or, changing ``modality``, keep its own."""
        super().__init__(*args, **kwargs)
        if modality is not None:
            del self.fields["organization"]
            parents = FundingModality.objects.filter(organization_id=modality.organization_id)
            parents = parents.exclude(pk=modality.pk)
        else:
            self.fields["organization"].choices = [(b.code, b.name) for b in organizations or []]
            parents = FundingModality.objects.filter(organization__in=organizations or [])
        parents = parents.filter(parent__isnull=True).select_related("organization")
        self.parents = {str(m.pk): m for m in parents.order_by("organization__name", "name")}
        self.fields["parent"].choices = [
            ("", _("None")),
            *[(pk, f"{m.name} ({m.organization.code})") for pk, m in self.parents.items()],
        ]
        self.fields["aid_type"].choices = [("", _("None")), *codelist_choices("AidType")]

    def modality_data(self) -> ModalityData:
        data = self.cleaned_data
        return ModalityData(
            code=data["code"],
            name=data["name"],
            earmarking=data["earmarking"],
            parent=self.parents.get(data["parent"]),
            description=data["description"],
            aid_type=data["aid_type"],
            source=data["source"],
        )


def modality_initial(modality: FundingModality) -> dict[str, Any]:
    """What the form shows of a modality to change."""
    return {
        "parent": str(modality.parent_id or ""),
        "code": modality.code,
        "name": modality.name,
        "earmarking": modality.earmarking,
        "aid_type": modality.aid_type,
        "description": modality.description,
        "source": modality.source,
    }


class PublisherForm(DescribedErrors, forms.Form):
    body = forms.ChoiceField(label=_("Organization"))
    identifier = forms.CharField(
        label=_("IATI organisation identifier"),
        max_length=64,
        help_text=IatiPublisher._meta.get_field("identifier").help_text,
    )
    organisation_type = forms.ChoiceField(label=_("IATI organisation type"))

    def __init__(self, *args: Any, bodies: list[Body] | None, **kwargs: Any) -> None:
        """Offer ``bodies`` to register; None when changing one already registered."""
        super().__init__(*args, **kwargs)
        if bodies is None:
            del self.fields["body"]
        else:
            self.fields["body"].choices = [(b.code, b.name) for b in bodies]
        self.fields["organisation_type"].choices = codelist_choices("OrganisationType")
