"""Evidence for a submission's answers: files checked from their bytes, and links.

A file is accepted only when its content is one of the types in ``EVIDENCE_TYPES`` (PDF, office
documents without macros, PNG, JPEG, plain text or CSV), whatever its name says; anything else
(HTML, SVG, executables, archives that expand too far ...) is refused before a byte is stored.
Files are kept under their digest, so that the same bytes attached twice are stored once; a
file is removed when the last evidence pointing at it is deleted.
"""

import csv
import hashlib
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concord.ingestion.exceptions import IngestionError
from concord.ingestion.readers.text import decode
from concord.ingestion.uploads import check_size
from concord.reporting import selectors, services
from concord.reporting.models import EDITABLE, Evidence, Question, Submission

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
PNG = "image/png"
JPEG = "image/jpeg"
PLAIN_TEXT = "text/plain"
CSV = "text/csv"

EVIDENCE_TYPES = {
    PDF: gettext_lazy("PDF"),
    DOCX: gettext_lazy("Word (DOCX)"),
    XLSX: gettext_lazy("Excel (XLSX)"),
    ODT: gettext_lazy("OpenDocument text (ODT)"),
    ODS: gettext_lazy("OpenDocument spreadsheet (ODS)"),
    PNG: gettext_lazy("PNG image"),
    JPEG: gettext_lazy("JPEG image"),
    PLAIN_TEXT: gettext_lazy("plain text"),
    CSV: gettext_lazy("CSV"),
}

# An office file is a ZIP archive: refuse one that would expand far beyond what was uploaded.
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_RATIO = 200
_ODF_MIMETYPES = {ODT.encode(): ODT, ODS.encode(): ODS}
_MARKUP = (b"<html", b"<svg", b"<script", b"<!doctype", b"<?xml", b"<body", b"<iframe")
_URLS = URLValidator(schemes=["http", "https"])


class UnacceptedFile(Exception):
    """Bytes that are not a type of evidence Concord keeps; ``reason`` says what they are."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def accepted_types() -> str:
    return ", ".join(str(label) for label in EVIDENCE_TYPES.values())


def check_zip(data: bytes) -> set[str]:
    """Return the names in a ZIP archive, or raise UnacceptedFile for a damaged or bomb one."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnacceptedFile(_("a damaged ZIP archive")) from None
    if len(entries) > ZIP_MAX_ENTRIES:
        raise UnacceptedFile(_("a ZIP archive of too many files"))
    expanded = sum(entry.file_size for entry in entries)
    if expanded > max(len(data), 1) * ZIP_MAX_RATIO or expanded > settings.UPLOAD_MAX_BYTES * 10:
        raise UnacceptedFile(_("a ZIP archive that expands far beyond its size"))
    return {entry.filename for entry in entries}


def _office_type(data: bytes) -> str:
    names = check_zip(data)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnacceptedFile(_("an office document with macros; save it without them"))
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    if "mimetype" in names:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            mimetype = archive.read("mimetype")[:100].strip()
        if mimetype in _ODF_MIMETYPES:
            return _ODF_MIMETYPES[mimetype]
    raise UnacceptedFile(_("a ZIP archive that is not a document Concord accepts"))


def _text_type(data: bytes) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnacceptedFile(_("binary data (a program, an archive or an unknown format)"))
    try:
        text, _encoding = decode(data, Path("evidence"))
    except IngestionError:
        raise UnacceptedFile(_("text in an encoding that could not be recognized")) from None
    head = text[:8192].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<") or any(tag.decode() in head for tag in _MARKUP):
        raise UnacceptedFile(_("a web page or markup (HTML, SVG, XML), which could run code"))
    lines = [line for line in text[:8192].splitlines() if line.strip()][:20]
    if len(lines) >= 2:
        try:
            dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t")
        except csv.Error:
            return PLAIN_TEXT
        counts = {line.count(dialect.delimiter) for line in lines}
        if len(counts) == 1 and counts != {0}:
            return CSV
    return PLAIN_TEXT


def sniff_evidence(data: bytes) -> str:
    """Return the media type of ``data`` read from its bytes, or raise UnacceptedFile."""
    if not data.strip():
        raise UnacceptedFile(_("an empty file"))
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return _text_type(data)


def _own_name(name: str) -> str:
    """Return the name its uploader gave the file, without folders or control characters.

    It is only ever sent back in a ``Content-Disposition`` header, encoded there; the file is
    stored under its digest.
    """
    own = Path(name.replace("\\", "/")).name
    own = "".join(char for char in own if char.isprintable()).strip()
    return own[:255] or "evidence"


def check_file(file: UploadedFile) -> tuple[str, bytes, str]:
    """Return the file's own name, its bytes and its sniffed type; raise ValidationError."""
    name = _own_name(file.name or "")
    check_size(name, file.size or 0)
    data = file.read(settings.UPLOAD_MAX_BYTES + 1)
    check_size(name, len(data))
    try:
        return name, data, sniff_evidence(data)
    except UnacceptedFile as refused:
        raise ValidationError(
            _("%(name)s is %(reason)s. Accepted as evidence: %(types)s.")
            % {"name": name, "reason": refused.reason, "types": accepted_types()},
            code="unsupported",
        ) from None


def _question(submission: Submission, key: str) -> Question | None:
    for question in submission.cycle.questions.select_related("provision"):
        if question.key == key:
            return question
    return None


def _check_editable(submission: Submission) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status not in EDITABLE:
        raise ValidationError(
            {
                "status": _("A submission that is “%(status)s” cannot be edited.")
                % {"status": locked.get_status_display()}
            }
        )
    return locked


def _field_errors(
    *, title: str, url: str, file: UploadedFile | None, question: Question | None
) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}
    if question is None:
        errors["question"] = [_("No question with this key in the questionnaire.")]
    if bool(url) == bool(file):
        errors["file"] = [_("Attach a file or give a link, not both.")]
    if url:
        try:
            _URLS(url)
        except ValidationError:
            errors["url"] = [_("Give a full web address starting with http:// or https://.")]
        if len(url) > 2000:
            errors["url"] = [_("A link has at most 2,000 characters.")]
        if not title:
            errors["title"] = [_("Give the link a title: what it is (a law, a report ...).")]
    if len(title) > 500:
        errors["title"] = [_("A title has at most 500 characters.")]
    elif "\x00" in title:
        errors["title"] = [_("A title cannot hold NUL characters.")]
    return errors


@transaction.atomic
def evidence_add(
    *,
    submission: Submission,
    question: str,
    user: Any,
    title: str = "",
    file: UploadedFile | None = None,
    url: str = "",
) -> Evidence:
    """Attach a file or a link to the answer to the question of key ``question``.

    Only a focal point of the party, only while the submission is a draft or returned (an
    unstarted one is started). The file's type is read from its bytes; it is stored only once
    everything is checked, and removed again if the record cannot be saved.
    """
    if not user.has_perm("reporting.change_submission", submission):
        raise PermissionDenied
    if submission.pk is None:
        submission = services.submission_get_or_start(
            cycle=submission.cycle, party=submission.party, user=user
        )
    locked = _check_editable(submission)
    title, url = title.strip(), url.strip()
    found = _question(locked, question)
    errors = _field_errors(title=title, url=url, file=file, question=found)
    checked = None
    if file is not None and "file" not in errors:
        try:
            checked = check_file(file)
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    evidence = Evidence(submission=locked, question=found, title=title, url=url, added_by=user)
    if checked is None:
        evidence._history_user = user
        evidence.save()
        return evidence
    name, data, content_type = checked
    evidence.title = title or name
    evidence.filename = name
    evidence.content_type = content_type
    evidence.size = len(data)
    evidence.sha256 = hashlib.sha256(data).hexdigest()
    return _store(evidence, data, user)


def _store(evidence: Evidence, data: bytes, user: Any) -> Evidence:
    """Write the file (unless the same bytes are stored already), then the record."""
    storage = evidence.file.storage
    stored_name = evidence.file.field.generate_filename(evidence, evidence.filename)
    written = not storage.exists(stored_name)
    if written:
        evidence.file.save(evidence.filename, ContentFile(data), save=False)
    else:
        evidence.file.name = stored_name
    try:
        evidence._history_user = user
        evidence.save()
    except BaseException:
        if written:
            storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, user: Any) -> None:
    """Remove evidence, while its submission is a draft or returned; its file goes on commit."""
    if not user.has_perm("reporting.change_submission", evidence.submission):
        raise PermissionDenied
    _check_editable(evidence.submission)
    name = evidence.file.name
    storage = evidence.file.storage
    evidence._history_user = user
    evidence.delete()
    if name:

        def remove_unused_file() -> None:
            if not Evidence.objects.filter(file=name).exists():
                storage.delete(name)

        transaction.on_commit(remove_unused_file)


def evidence_list(submission: Submission) -> list[Evidence]:
    """Return a submission's evidence in questionnaire order (none for an unstarted one)."""
    if submission.pk is None:
        return []
    return list(
        submission.evidence.select_related("question__provision").order_by("question__order", "id")
    )


def evidence_visible(user: Any, evidence: Evidence) -> bool:
    """Whether the caller may see the evidence: exactly when they may see its submission."""
    submission = evidence.submission
    return selectors.cycles_visible(user).filter(
        pk=submission.cycle_id
    ).exists() and selectors.submission_visible(user, submission)
