"""Evidence: files accepted by what their bytes are, links, who may add and delete them."""

# ruff: noqa: F811  (the fixtures imported from offline_fixtures are test arguments)

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from concord.reporting import evidence, services
from concord.reporting.evidence import evidence_add, evidence_delete, sniff_evidence
from concord.reporting.models import Evidence, Submission, SubmissionStatus
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.offline_fixtures import (
    CSV_BYTES,
    EXE_BYTES,
    HTML_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    SVG_BYTES,
    TEXT_BYTES,
    docx_bytes,
    draft,  # noqa: F401  (a fixture)
    odt_bytes,
    stored_files,
    uploaded,
    uploads,  # noqa: F401  (a fixture)
    xlsx_bytes,
    zip_bomb,
    zipped,
)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (PDF_BYTES, evidence.PDF),
        (docx_bytes(), evidence.DOCX),
        (xlsx_bytes(), evidence.XLSX),
        (odt_bytes(), evidence.ODT),
        (PNG_BYTES, evidence.PNG),
        (JPEG_BYTES, evidence.JPEG),
        (TEXT_BYTES, evidence.PLAIN_TEXT),
        ("Закон про запобігання корупції\n".encode("cp1251"), evidence.PLAIN_TEXT),
        (CSV_BYTES, evidence.CSV),
    ],
)
def test_the_type_is_read_from_the_bytes(data, media_type):
    assert sniff_evidence(data) == media_type


@pytest.mark.parametrize(
    "data",
    [
        HTML_BYTES,
        b"\xef\xbb\xbf  <html><body>hi</body></html>",
        SVG_BYTES,
        b'<?xml version="1.0"?><svg/>',
        b"Some text, then <script>alert(1)</script>",
        EXE_BYTES,
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 40,
        zipped({"payload.exe": EXE_BYTES}),
        docx_bytes(**{"word/vbaProject.bin": b"macro"}),
        zip_bomb(),
        b"PK\x03\x04 not really a zip",
        b"   \n",
    ],
    ids=[
        "html",
        "html-after-bom",
        "svg",
        "xml",
        "script-in-text",
        "windows-exe",
        "elf",
        "plain-zip",
        "docm",
        "zip-bomb",
        "damaged-zip",
        "empty",
    ],
)
def test_active_or_unknown_content_is_refused(data):
    with pytest.raises(evidence.UnacceptedFile):
        sniff_evidence(data)


def test_a_focal_point_attaches_a_pdf(draft, focal_point, uploads):
    item = evidence_add(
        submission=draft,
        question="1",
        title="Law 12/2024",
        file=uploaded("loi 12-2024.pdf", PDF_BYTES),
        user=focal_point,
    )
    item.refresh_from_db()
    digest = hashlib.sha256(PDF_BYTES).hexdigest()
    assert (item.content_type, item.size, item.sha256) == (evidence.PDF, len(PDF_BYTES), digest)
    assert (item.filename, item.title, item.url) == ("loi 12-2024.pdf", "Law 12/2024", "")
    assert item.question.key == "1"
    assert stored_files(uploads) == [uploads / "evidence" / digest[:2] / digest]
    assert item.file.read() == PDF_BYTES
    record = item.history.get()
    assert (record.history_type, record.history_user) == ("+", focal_point)


def test_a_file_without_a_title_is_titled_by_its_name(draft, focal_point, uploads):
    item = evidence_add(
        submission=draft, question="2", file=uploaded("report.csv", CSV_BYTES), user=focal_point
    )
    assert (item.title, item.content_type) == ("report.csv", evidence.CSV)


def test_an_html_page_named_pdf_is_refused_and_nothing_is_kept(draft, focal_point, uploads):
    with pytest.raises(ValidationError) as refused:
        evidence_add(
            submission=draft,
            question="1",
            title="Law",
            file=uploaded("law.pdf", HTML_BYTES, "application/pdf"),
            user=focal_point,
        )
    assert "HTML" in refused.value.message_dict["file"][0]
    assert not Evidence.objects.exists()
    assert stored_files(uploads) == []


def test_a_file_over_the_limit_is_refused_before_it_is_read(draft, focal_point, uploads, settings):
    settings.UPLOAD_MAX_BYTES = 1_000

    class Unreadable(SimpleUploadedFile):
        def read(self, *args, **kwargs):
            raise AssertionError("an oversized upload must not be read")

    big = Unreadable("big.pdf", PDF_BYTES + b"0" * 2_000, content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        evidence_add(submission=draft, question="1", title="Big", file=big, user=focal_point)
    assert "largest file accepted" in refused.value.message_dict["file"][0]
    # A sender may also understate the size: the bytes read are counted too.
    understated = uploaded("big.pdf", PDF_BYTES + b"0" * 2_000)
    understated.size = 10
    with pytest.raises(ValidationError):
        evidence_add(
            submission=draft, question="1", title="Big", file=understated, user=focal_point
        )
    assert not Evidence.objects.exists()
    assert stored_files(uploads) == []


def test_a_focal_point_links_to_a_law(draft, focal_point, uploads):
    item = evidence_add(
        submission=draft,
        question="1",
        title="  Journal officiel  ",
        url="https://www.legifrance.gouv.fr/loi/2024-12",
        user=focal_point,
    )
    assert (item.title, item.url, item.file.name) == (
        "Journal officiel",
        "https://www.legifrance.gouv.fr/loi/2024-12",
        "",
    )
    assert stored_files(uploads) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"url": "javascript:alert(1)", "title": "x"}, "url"),
        ({"url": "ftp://example.org/law.pdf", "title": "x"}, "url"),
        ({"url": "https://example.org/law"}, "title"),
        ({"title": "Nothing attached"}, "file"),
        ({"url": "https://example.org/law", "title": "Both", "file": "pdf"}, "file"),
        ({"url": "https://example.org/law", "title": "x" * 501}, "title"),
        ({"url": "https://example.org/law", "title": "x", "question": "q999999"}, "question"),
    ],
)
def test_bad_input_is_refused_naming_the_field(fields, field, draft, focal_point, uploads):
    if fields.get("file"):
        fields["file"] = uploaded("law.pdf", PDF_BYTES)
    fields.setdefault("question", "1")
    with pytest.raises(ValidationError) as refused:
        evidence_add(submission=draft, user=focal_point, **fields)
    assert field in refused.value.message_dict
    assert not Evidence.objects.exists()
    assert stored_files(uploads) == []


def test_a_question_of_another_cycle_is_refused(
    draft, instrument, secretariat, party_a, focal_point, uploads
):
    other = open_cycle(instrument, secretariat, [party_a])
    foreign = other.questions.filter(provision__isnull=True).first().key
    with pytest.raises(ValidationError) as refused:
        evidence_add(
            submission=draft,
            question=foreign,
            title="Law",
            url="https://example.org/law",
            user=focal_point,
        )
    assert "question" in refused.value.message_dict


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat", "partner"])
def test_only_the_partys_focal_points_attach_evidence(persona, draft, request, uploads):
    with pytest.raises(PermissionDenied):
        evidence_add(
            submission=draft,
            question="1",
            title="Law",
            file=uploaded("law.pdf", PDF_BYTES),
            user=request.getfixturevalue(persona),
        )
    assert stored_files(uploads) == []


def test_attaching_to_an_unstarted_submission_starts_it(cycle, party_a, focal_point, uploads):
    item = evidence_add(
        submission=Submission(cycle=cycle, party=party_a),
        question="1",
        title="Law",
        url="https://example.org/law",
        user=focal_point,
    )
    assert item.submission.pk and item.submission.status == SubmissionStatus.DRAFT


def test_nothing_is_attached_or_deleted_once_submitted(draft, focal_point, uploads):
    item = evidence_add(
        submission=draft, question="1", title="Law", url="https://a.example/", user=focal_point
    )
    services.submission_transition(
        submission=draft, target=SubmissionStatus.SUBMITTED, user=focal_point
    )
    with pytest.raises(ValidationError) as refused:
        evidence_add(
            submission=draft,
            question="1",
            title="Law",
            file=uploaded("law.pdf", PDF_BYTES),
            user=focal_point,
        )
    assert "status" in refused.value.message_dict
    with pytest.raises(ValidationError):
        evidence_delete(evidence=item, user=focal_point)
    assert Evidence.objects.count() == 1
    assert stored_files(uploads) == []


def test_deleting_removes_the_record_and_its_file_unless_still_used(
    draft, focal_point, uploads, django_capture_on_commit_callbacks
):
    first, second = (
        evidence_add(
            submission=draft,
            question=key,
            title="Law",
            file=uploaded("law.pdf", PDF_BYTES),
            user=focal_point,
        )
        for key in ("1", "2")
    )
    assert first.file.name == second.file.name
    assert len(stored_files(uploads)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        evidence_delete(evidence=first, user=focal_point)
    assert len(stored_files(uploads)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        evidence_delete(evidence=second, user=focal_point)
    assert stored_files(uploads) == []
    assert not Evidence.objects.exists()
    removed = Evidence.history.filter(history_type="-")
    assert [r.history_user for r in removed] == [focal_point, focal_point]


def test_a_reviewer_cannot_delete_evidence(draft, focal_point, reviewer, uploads):
    item = evidence_add(
        submission=draft, question="1", title="Law", url="https://a.example/", user=focal_point
    )
    with pytest.raises(PermissionDenied):
        evidence_delete(evidence=item, user=reviewer)
    assert Evidence.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("focal_point", True),
        ("reviewer", True),
        ("secretariat", True),
        ("other_focal_point", False),
        ("partner", False),
        ("anonymous", False),
    ],
)
def test_evidence_is_seen_by_whoever_sees_the_submission(
    persona, sees, draft, focal_point, request, uploads
):
    item = evidence_add(
        submission=draft, question="1", title="Law", url="https://a.example/", user=focal_point
    )
    assert evidence.evidence_visible(request.getfixturevalue(persona), item) is sees
