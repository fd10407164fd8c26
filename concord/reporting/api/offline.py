"""Offline work and evidence: XLSX export and import of answers, evidence files and links.

The workbook and the evidence follow the submission: 404 for whoever may not see it. Only
the party's focal points export, import and attach (403 for others who see it); deleting
evidence answers 404 to anyone else, as if it did not exist.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.errors import HttpError, ValidationError
from ninja.files import UploadedFile as NinjaFile
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.schemas import Out
from concord.reporting import evidence, offline, schemas, selectors, services
from concord.reporting.api.lookups import NOT_FOUND, REFUSED, as_422, submission_or_404
from concord.reporting.models import Evidence

router = Router(tags=["reporting"])

XLSX_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "The workbook, as exported and filled.",
                        }
                    },
                }
            }
        },
    }
}
XLSX_ANSWER = {
    "responses": {200: {"content": {evidence.XLSX: {"schema": {"type": "string"}}}}},
}


class EvidenceOut(Out):
    id: int
    question: str = Field(description="The key of the question it supports.")
    title: str
    url: str = Field(description="The link, for evidence that is a link; empty for a file.")
    filename: str = Field(description="The file's own name, for a file; empty for a link.")
    content_type: str = Field(description="The type read from the file's bytes.")
    size: int | None
    added_at: dt.datetime
    download: str = Field(description="The page that sends the file, or leads to the link.")


def evidence_data(item: Evidence) -> dict:
    return {
        "id": item.pk,
        "question": item.question.key,
        "title": item.title,
        "url": item.url,
        "filename": item.filename,
        "content_type": item.content_type,
        "size": item.size,
        "added_at": item.added_at,
        "download": reverse("reporting:evidence_download", args=[item.pk]),
    }


def _refused(detail: str) -> Status:
    return Status(403, {"detail": detail})


# The workbook -----------------------------------------------------------------------------


@router.get(
    "/cycles/{cycle_id}/submissions/{party}/xlsx",
    response={**REFUSED},
    auth=signed_in,
    summary="Export a party's questionnaire as XLSX",
    description="The questionnaire with the current answers, to fill offline: one row per "
    "question (key, provision, question, answer type, allowed values locked; answer and note "
    "to fill, with lists to choose a status or yes/no from), the cycle, party and version "
    "recorded in a hidden sheet. For the party's focal points: 404 for whoever may not see "
    "the submission, 403 for those who see it but may not edit it.",
    openapi_extra=XLSX_ANSWER,
)
def workbook_export(request: HttpRequest, cycle_id: int, party: str) -> Any:
    submission = submission_or_404(request, cycle_id, party)
    try:
        data = offline.workbook_export(submission=submission, user=request.user)
    except PermissionDenied:
        return _refused(_("Only the party's focal points export its questionnaire."))
    response = HttpResponse(data, content_type=evidence.XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="{offline.workbook_filename(submission)}"'
    )
    return response


def _multipart_file(request: HttpRequest) -> UploadedFile | None:
    """Return the ``file`` part of a multipart body, which Django parses for POST only."""
    if request.method == "POST":
        return request.FILES.get("file")
    if not (request.content_type or "").startswith("multipart/"):
        return None
    _fields, files = request.parse_file_upload(request.META, request)
    return files.get("file")


def _cell_errors(invalid: offline.WorkbookInvalid) -> ValidationError:
    return ValidationError(
        [
            {
                "type": "value_error",
                "loc": ["body", "file", cell.row, cell.column],
                "msg": cell.message,
            }
            for cell in invalid.cells
        ]
    )


@router.put(
    "/cycles/{cycle_id}/submissions/{party}/xlsx",
    response={200: schemas.SubmissionOut, 409: schemas.ConflictOut, **REFUSED},
    auth=signed_in,
    summary="Import a filled XLSX questionnaire",
    description="A multipart body with the workbook as `file` (as exported by the GET of this "
    "path). Every cell is checked before anything is written: if any does not fit its "
    "question, the answer is 422 with one error per cell, its `loc` "
    '`["body", "file", <row>, "<column letter>"]` (for example `["body", "file", 4, "F"]`, '
    "the answer of the question on row 4), and nothing changes. A file that is not an XLSX, "
    'is too big, or is another cycle\'s or party\'s is 422 at `["body", "file"]`. The save '
    "uses the version recorded in the workbook: if someone saved since it was exported, the "
    "answer is 409 and nothing changes. Answers left blank are cleared.",
    openapi_extra=XLSX_BODY,
)
def workbook_import(request: HttpRequest, cycle_id: int, party: str) -> Any:
    submission = submission_or_404(request, cycle_id, party)
    user = request.user
    if not user.has_perm("reporting.change_submission", submission):
        return _refused(_("Only the party's focal points import its answers."))
    file = _multipart_file(request)
    if file is None:
        raise as_422(DjangoValidationError({"file": _("Send the workbook as a file.")}))
    try:
        saved = offline.workbook_import(submission=submission, file=file, user=user)
    except PermissionDenied:
        return _refused(_("Only the party's focal points import its answers."))
    except services.StaleVersion as exc:
        return Status(
            409,
            {
                "detail": _(
                    "Someone saved this submission since the workbook was exported (it is now "
                    "at version %(current)s). Export it again and copy your answers into it."
                )
                % {"current": exc.current},
                "version": exc.current,
            },
        )
    except offline.WorkbookInvalid as invalid:
        raise _cell_errors(invalid) from None
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return schemas.submission_data(saved, selectors.submission_answers(saved))


# Evidence ---------------------------------------------------------------------------------


@router.get(
    "/cycles/{cycle_id}/submissions/{party}/evidence",
    response={200: Paged[EvidenceOut], **NOT_FOUND},
    summary="List a submission's evidence",
    description="Its files and links, in the order they were added; seen by whoever sees the "
    "submission (404 for anyone else).",
)
def evidence_list(request: HttpRequest, cycle_id: int, party: str, page: Query[PageQuery]) -> Any:
    submission = submission_or_404(request, cycle_id, party)
    items = Evidence.objects.filter(submission_id=submission.pk).select_related(
        "question__provision"
    )
    return paginate_query(items, page, key=("id",)).as_dict(evidence_data)


@router.post(
    "/cycles/{cycle_id}/submissions/{party}/evidence",
    response={201: EvidenceOut, **REFUSED},
    auth=signed_in,
    summary="Attach evidence",
    description="A multipart body: `question` (its key), `title`, and either `file` or `url` "
    "(http or https). A file's type is read from its bytes: PDF, DOCX, XLSX, ODT, ODS, PNG, "
    "JPEG, plain text or CSV, up to the upload size limit; anything else is 422 at `file`. "
    "A link needs a title; a file's title defaults to its name. The party's focal points, "
    "while the submission is a draft or returned.",
)
def evidence_add(
    request: HttpRequest,
    cycle_id: int,
    party: str,
    question: Form[str] = "",
    title: Form[str] = "",
    url: Form[str] = "",
    file: File[NinjaFile] = None,
) -> Any:
    submission = submission_or_404(request, cycle_id, party)
    user = request.user
    if not user.has_perm("reporting.change_submission", submission):
        return _refused(_("Only the party's focal points attach evidence."))
    try:
        added = evidence.evidence_add(
            submission=submission, question=question, title=title, url=url, file=file, user=user
        )
    except PermissionDenied:
        return _refused(_("Only the party's focal points attach evidence."))
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return Status(201, evidence_data(added))


@router.delete(
    "/evidence/{evidence_id}",
    response={204: None, **REFUSED},
    auth=signed_in,
    summary="Delete evidence",
    description="The party's focal points, while the submission is a draft or returned (422 "
    "at `status` otherwise); 404 for anyone else. The file goes once no evidence uses it.",
)
def evidence_delete(request: HttpRequest, evidence_id: int) -> Any:
    missing = HttpError(404, _("No evidence with id %(id)s.") % {"id": evidence_id})
    item = (
        Evidence.objects.select_related("submission__party", "submission__cycle")
        .filter(pk=evidence_id)
        .first()
    )
    user = request.user
    if item is None or not user.has_perm("reporting.change_submission", item.submission):
        raise missing
    try:
        evidence.evidence_delete(evidence=item, user=user)
    except PermissionDenied:
        raise missing from None
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return Status(204, None)
