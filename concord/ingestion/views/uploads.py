"""Upload a document for ingestion, follow its progress, and read why it failed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from concord.accounts.views import requires
from concord.ingestion.forms import UploadForm
from concord.ingestion.uploads import UPLOAD_PERMISSION, upload_create, uploads_visible_to
from concord.ingestion.views.review import REVIEW_PERMISSION
from concord.registry.models import Instrument

PAGE_SIZE = 50


@requires(UPLOAD_PERMISSION)
def upload_list(request: HttpRequest) -> HttpResponse:
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload = upload_create(file=form.cleaned_data["file"], by=request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                document = upload.document
                if upload.duplicate:
                    messages.info(
                        request,
                        _("These bytes were uploaded before, as %(name)s: here is that upload.")
                        % {"name": document.original_name},
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s is uploaded; ingestion is queued.")
                        % {"name": document.original_name},
                    )
                return redirect("ingestion:upload_detail", document_id=document.pk)
        status = 422
    uploads = uploads_visible_to(request.user)
    page = Paginator(uploads, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "ingestion/upload_list.html",
        {
            "section": "uploads",
            "form": form,
            "page": page,
            "pending": any(document.is_pending for document in page.object_list),
        },
        status=status,
    )


@requires(UPLOAD_PERMISSION)
def upload_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(uploads_visible_to(request.user), pk=document_id)
    outcomes = {saved["id"]: saved for saved in document.result.get("instruments", [])}
    produced = Instrument.objects.filter(pk__in=outcomes).order_by("pk").select_related("body")
    instruments = [i for i in produced if request.user.has_perm(REVIEW_PERMISSION, i)]
    for instrument in instruments:
        instrument.outcome = outcomes[instrument.pk]
    return render(
        request,
        "ingestion/upload_detail.html",
        {
            "section": "uploads",
            "document": document,
            "instruments": instruments,
            "outside_scope": len(outcomes) - len(instruments),
        },
    )
