"""The party's reply to a request, with its files and the assets it reports; a file's download.

"Add another asset" posts the form as typed and shows it again with one more row, checking
nothing and writing nothing: it needs no script.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from concord.accounts.views import requires
from concord.cooperation import answering
from concord.cooperation.forms import (
    AssetForm,
    BaseAssetFormSet,
    ReplyForm,
    asset_formset,
    with_another_row,
)
from concord.cooperation.models import Attachment
from concord.cooperation.reading import record_reading
from concord.cooperation.views import form_page, visible_request
from concord.cooperation.visibility import requests_visible_to


@requires()
@require_http_methods(["GET", "POST"])
def reply_new(request: HttpRequest, request_id: int) -> HttpResponse:
    cr = visible_request(request.user, request_id)
    if cr.status in answering.CLOSED or not request.user.has_perm("cooperation.add_reply", cr):
        raise PermissionDenied
    context = {"cr": cr}
    if request.method == "GET":
        form, assets = ReplyForm(), asset_formset()
    elif "more" in request.POST:
        data = with_another_row(request.POST)
        form, assets = ReplyForm(data, checked=False), asset_formset(data, checked=False)
    else:
        form, assets = ReplyForm(request.POST, request.FILES), asset_formset(request.POST)
        if _save(request, cr, form, assets):
            messages.success(request, _("The reply is recorded."))
            return redirect(reverse("cooperation:request", args=[cr.pk]) + "#replies")
    summary = [*form.non_field_errors(), *assets.non_form_errors()] if form.is_bound else []
    invalid = bool(summary or form.errors or any(row.errors for row in assets.forms))
    context |= {"form": form, "assets": assets, "invalid": invalid, "errors": summary}
    return form_page(
        request, "cooperation/reply_form.html", context, form, *assets.forms, invalid=invalid
    )


def _save(request: HttpRequest, cr, form: ReplyForm, assets: BaseAssetFormSet) -> bool:
    """Record the reply if every field is right; tie the service's errors to their fields."""
    if not (form.is_valid() and assets.is_valid()):
        return False
    rows = assets.filled()
    try:
        answering.reply_create(
            user=request.user,
            request=cr,
            text=form.cleaned_data["text"],
            received_on=form.cleaned_data["received_on"],
            assets=[row.report() for row in rows],
            files=form.cleaned_data["files"],
        )
    except ValidationError as exc:
        _tie(exc, form, rows)
    except PermissionDenied:
        form.add_error(None, _("You may not reply to this request."))
    else:
        return True
    return False


def _tie(exc: ValidationError, form: ReplyForm, rows: list[AssetForm]) -> None:
    """Put ``assets.2.currency`` on the third asset row's currency, the rest on the reply."""
    for key, errors in exc.message_dict.items():
        parts = key.split(".", 2)
        if len(parts) == 3 and parts[0] == "assets" and parts[1].isdigit():
            row = rows[int(parts[1])] if int(parts[1]) < len(rows) else None
            if row is not None:
                row.add_error(parts[2] if parts[2] in row.fields else None, errors)
                continue
        form.add_error(key if key in form.fields else None, errors)


@requires()
@require_GET
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = (
        Attachment.objects.select_related("reply__request")
        .filter(pk=attachment_id, reply__request__in=requests_visible_to(request.user))
        .first()
    )
    if attachment is None:
        raise Http404(_("No file with id %(id)s.") % {"id": attachment_id})
    record_reading(request.user, f"attachment {attachment.pk}", request=attachment.reply.request)
    response = HttpResponse(bytes(attachment.data), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
