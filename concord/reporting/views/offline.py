"""Offline work and evidence: the XLSX questionnaire and its import, evidence files and links.

The workbook, the import and adding or deleting evidence are the party's focal points' (404
for anyone else, as if the page did not exist); evidence is downloaded by whoever may see its
submission, always as an attachment that a browser will not run.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from concord.accounts.views import requires
from concord.reporting import evidence, offline, selectors, services
from concord.reporting.models import Evidence, Submission


def editable_submission(request: HttpRequest, cycle_id: int, party: str) -> Submission:
    """Return the party's submission (unsaved if unstarted) to its focal points; else 404."""
    if not request.user.has_perm("reporting.change_submission"):
        raise Http404
    cycle = selectors.cycles_visible(request.user).filter(pk=cycle_id).first()
    found = cycle.parties.filter(code=party).first() if cycle else None
    if found is None:
        raise Http404
    submission = Submission.objects.filter(cycle=cycle, party=found).first() or Submission(
        cycle=cycle, party=found
    )
    if not request.user.has_perm("reporting.change_submission", submission):
        raise Http404
    return submission


def _back_to_edit(submission: Submission) -> HttpResponse:
    return redirect(
        "reporting:submission_edit", cycle_id=submission.cycle_id, party=submission.party.code
    )


# The workbook -----------------------------------------------------------------------------


@requires()
@require_GET
def submission_xlsx(request: HttpRequest, cycle_id: int, party: str) -> HttpResponse:
    submission = editable_submission(request, cycle_id, party)
    data = offline.workbook_export(submission=submission, user=request.user)
    response = HttpResponse(data, content_type=evidence.XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="{offline.workbook_filename(submission)}"'
    )
    return response


class WorkbookForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled workbook (XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{evidence.XLSX}"}),
    )


@requires()
@require_http_methods(["GET", "POST"])
def submission_import(request: HttpRequest, cycle_id: int, party: str) -> HttpResponse:
    submission = editable_submission(request, cycle_id, party)
    form = WorkbookForm()
    cells: list[offline.CellError] = []
    status = 200
    if request.method == "POST":
        form = WorkbookForm(request.POST, request.FILES)
        status = 422
        if form.is_valid():
            try:
                offline.workbook_import(
                    submission=submission, file=form.cleaned_data["file"], user=request.user
                )
            except offline.WorkbookInvalid as invalid:
                cells = invalid.cells
                form.add_error(
                    "file",
                    _("%(count)s cells do not fit their questions; nothing was saved.")
                    % {"count": len(cells)},
                )
            except services.StaleVersion as stale:
                status = 409
                form.add_error(
                    "file",
                    _(
                        "Someone saved these answers since this workbook was exported (they "
                        "are now at version %(current)s); nothing was saved. Export the "
                        "workbook again and copy your answers into it."
                    )
                    % {"current": stale.current},
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("The answers of the workbook are saved."))
                return _back_to_edit(submission)
    return render(
        request,
        "reporting/offline/import.html",
        {"submission": submission, "form": form, "cells": cells},
        status=status,
    )


# Evidence ---------------------------------------------------------------------------------


class EvidenceForm(forms.Form):
    question = forms.ChoiceField(label=gettext_lazy("Question"))
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("What it is: a law, a decree, a report ... Needed for a link."),
    )
    file = forms.FileField(label=gettext_lazy("File"), required=False)
    url = forms.CharField(
        label=gettext_lazy("Or a link"),
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=gettext_lazy("The address of the law or document, starting with https://."),
    )

    def __init__(self, *args: Any, questions: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [
            (q.key, f"{q.key} — {(q.text or q.provision.text)[:120]}") for q in questions
        ]
        self.fields["file"].help_text = _("%(types)s; at most %(limit)s.") % {
            "types": evidence.accepted_types(),
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
        }


@requires()
@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, cycle_id: int, party: str) -> HttpResponse:
    submission = editable_submission(request, cycle_id, party)
    questions = list(submission.cycle.questions.select_related("provision"))
    form = EvidenceForm(questions=questions, initial={"question": request.GET.get("question")})
    status = 200
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, questions=questions)
        status = 422
        if form.is_valid():
            try:
                added = evidence.evidence_add(
                    submission=submission, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                fields = set(form.fields)
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in fields else None, problems)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("“%(title)s” is attached.") % {"title": added.title})
                return _back_to_edit(added.submission)
    return render(
        request,
        "reporting/offline/evidence_add.html",
        {"submission": submission, "form": form},
        status=status,
    )


def _visible_evidence(request: HttpRequest, evidence_id: int) -> Evidence:
    item = (
        Evidence.objects.select_related("submission__party", "submission__cycle")
        .filter(pk=evidence_id)
        .first()
    )
    if item is None or not evidence.evidence_visible(request.user, item):
        raise Http404
    return item


@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    item = _visible_evidence(request, evidence_id)
    if item.url:
        return redirect(item.url)
    try:
        opened = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        opened, as_attachment=True, filename=item.filename, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@requires()
def evidence_delete(request: HttpRequest, evidence_id: int) -> HttpResponse:
    if not request.user.has_perm("reporting.change_submission"):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    item = _visible_evidence(request, evidence_id)
    try:
        evidence.evidence_delete(evidence=item, user=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is deleted.") % {"title": item.title})
    return _back_to_edit(item.submission)
