from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from concord.registry.models.provisions import ProvisionKind


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".txt,.md,.html,.htm,.pdf,.docx,text/plain,text/html,application/pdf"}
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Plain text, HTML, PDF (with a text layer) or Word (DOCX), at most %(limit)s."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


class CorrectionForm(forms.Form):
    """What a reviewer corrects in one provision; the rules are in ``review.check_correction``."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ProvisionKind.choices)
    number = forms.CharField(
        label=_("Number as printed"), required=False, help_text=_("For example 12. or (a)")
    )
    verb = forms.CharField(
        label=_("Operative verb"), required=False, help_text=_("For example Urges or Calls upon")
    )
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    addressees = forms.CharField(
        label=_("Addressees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, as written; a party or body of that name is linked to it."),
    )

    def addressee_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["addressees"].splitlines()]
