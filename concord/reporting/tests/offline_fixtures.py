"""Files of every kind evidence meets, and a draft of France's submission to attach them to.

Import the fixtures into a test module (``from ...offline_fixtures import draft, uploads``).
"""

import datetime as dt
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from concord.reporting import services
from concord.reporting.answers import AnswerType
from concord.reporting.models import Submission

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
TEXT_BYTES = "Loi n° 2024-12 relative au recouvrement des avoirs.\n".encode()
CSV_BYTES = b"year;cases;assets\n2024;12;3400000\n2025;15;5100000\n"


def zipped(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    output = BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return output.getvalue()


def docx_bytes(**extra: bytes) -> bytes:
    return zipped(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            **extra,
        }
    )


def odt_bytes() -> bytes:
    return zipped(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"},
        compression=zipfile.ZIP_STORED,
    )


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active["A1"] = "Assets frozen"
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def zip_bomb() -> bytes:
    """A Word document whose one part expands from kilobytes to 50 MB."""
    return docx_bytes(**{"word/media/padding.bin": b"\x00" * 50_000_000})


def uploaded(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    """A file as a browser sends it: the name and type it claims are the sender's to choose."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def workbook(data: bytes):
    return load_workbook(BytesIO(data))


def saved(book) -> bytes:
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file())


@pytest.fixture
def uploads(settings, tmp_path):
    """An uploads directory of the test's own, to see every file written and removed."""
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.UPLOADS_DIR.mkdir()
    return settings.UPLOADS_DIR


@pytest.fixture
def draft(cycle, party_a, focal_point) -> Submission:
    """France's draft, with an answer saved (version 1)."""
    submission = services.submission_get_or_start(cycle=cycle, party=party_a, user=focal_point)
    return services.answers_save(
        submission=submission,
        answers={"1": {"value": "partially", "note": "Draft law"}},
        expected_version=0,
        user=focal_point,
    )


@pytest.fixture
def questionnaire(cycle, secretariat) -> dict[str, str]:
    """The cycle's questions of every answer type, by what they ask (to their keys)."""
    services.questionnaire_build(
        cycle=cycle,
        user=secretariat,
        free_questions=[
            {"text": "When was the law adopted?", "answer_type": AnswerType.DATE},
            {"text": "Which authority recovers assets?", "answer_type": AnswerType.TEXT},
            {"text": "The law itself", "answer_type": AnswerType.EVIDENCE},
        ],
    )
    questions = list(cycle.questions.select_related("provision").order_by("order"))
    names = ["1", "2", "staff", "strategy", "adopted", "authority", "law"]
    return {name: question.key for name, question in zip(names, questions, strict=True)}


A_DATE = dt.datetime(2026, 2, 1)
