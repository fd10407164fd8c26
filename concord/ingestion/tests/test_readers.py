"""Readers: chosen by sniffing the bytes, each giving the same structure as the plain text."""

from io import BytesIO
from pathlib import Path

import docx
import pytest

from concord.ingestion.exceptions import EmptyDocument, UnreadableDocument, UnsupportedType
from concord.ingestion.readers import DOCX, HTML, PDF, PLAIN_TEXT, read_document, sniff
from concord.ingestion.structure import ProposedProvision, propose
from concord.ingestion.tests.conftest import seed_document, seed_source


def shape(provision: ProposedProvision) -> tuple:
    """Everything but the spans, which point into each reader's own text."""
    return (
        provision.ref, provision.number, provision.kind, provision.verb,
        tuple(provision.addressees), provision.text, provision.bracketed,
        provision.placeholder, tuple(provision.flags),
        tuple(shape(child) for child in provision.children),
    )  # fmt: skip


def document_shape(document) -> list:
    return [
        (i.title, i.kind, i.symbol, i.body, [shape(p) for p in i.provisions],
         [f.text for f in i.footnotes], [s.party for s in i.statements])
        for i in document.instruments
    ]  # fmt: skip


def write_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)
    return path


def test_each_seed_as_docx_gives_the_same_structure(any_seed, tmp_path):
    path = write_docx(seed_source(any_seed).text, tmp_path / "seed.docx")
    source = read_document(path)
    assert source.media_type == DOCX
    assert document_shape(propose(source)) == document_shape(seed_document(any_seed))


def test_docx_tables_are_read_as_tab_separated_rows(tmp_path):
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(
        table.rows,
        [("OUTCOMES", "OUTPUTS", "Activities"), ("A) One", "A.1) Two", "A.1.1) Three")],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "table.docx"
    document.save(path)
    text = read_document(path).text
    assert text.split("\n")[1:] == [
        "OUTCOMES\tOUTPUTS\tActivities",
        "A) One\tA.1) Two\tA.1.1) Three",
    ]


def test_html_gives_lines_headings_lists_and_italics(tmp_path):
    path = tmp_path / "page.bin"
    path.write_bytes(
        b"<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>"
        b"<h1>DECISION No. 12</h1><p>The Council,</p><p>Recalling its earlier decisions,</p>"
        b"<ol><li>1. <i>Welcomes</i> the report;</li>"
        b"<li>2. <em>Requests</em> the Secretariat to act.</li></ol>"
        b"</body></html>"
    )
    source = read_document(path)
    assert source.media_type == HTML
    (instrument,) = propose(source).instruments
    assert instrument.title == "Decision No. 12"
    assert instrument.body == "Council"
    assert [(p.kind, p.verb) for p in instrument.walk()] == [
        ("preambular", "Recalling"), ("operative", "Welcomes"), ("operative", "Requests"),
    ]  # fmt: skip


def test_text_in_latin_1_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("1. Les États parties à la Convention décident.\n".encode("latin-1") * 5)
    source = read_document(path)
    assert "États" in source.text


def test_text_in_utf_16_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_text("1. Welcomes the report;\n2. Decides to act.\n", encoding="utf-16")
    assert read_document(path).text.startswith("1. Welcomes")


def _pdf(pages: list[str]) -> bytes:
    """Build a small PDF with one line of Helvetica text per page."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    font = 3 + 2 * len(pages)
    for index, line in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * index} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>"
        )
        stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_pdf_text_layer_is_read_page_by_page(tmp_path):
    path = tmp_path / "two-pages.pdf"
    path.write_bytes(_pdf(["1. Welcomes the report;", "2. Decides to act."]))
    source = read_document(path)
    assert source.media_type == PDF
    assert len(source.pages) == 2
    assert source.text[source.pages[1] :].startswith("2. Decides")
    assert source.page_of(source.pages[1] + 3) == 2
    assert [p.number for i in propose(source).instruments for p in i.walk()] == ["1.", "2."]


def test_sniffing_reads_the_bytes_not_the_name(tmp_path):
    assert sniff(b"%PDF-1.7 ...", tmp_path / "a.txt") == PDF
    assert sniff(b"<!doctype html><p>x</p>", tmp_path / "a.pdf") == HTML
    assert sniff("1. Décide".encode(), tmp_path / "a.docx") == PLAIN_TEXT
    buffer = BytesIO()
    docx.Document().save(buffer)
    assert sniff(buffer.getvalue(), tmp_path / "a.html") == DOCX


def test_empty_file_gives_empty_document_naming_the_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n ")
    with pytest.raises(EmptyDocument, match=r"empty.txt"):
        read_document(path)


def test_binary_file_gives_unsupported_type_naming_the_file(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(UnsupportedType, match=r"picture.txt"):
        read_document(path)


def test_zip_that_is_not_docx_gives_unsupported_type(tmp_path):
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedType, match=r"archive.docx.*not a Word document"):
        read_document(path)


def test_damaged_pdf_gives_unreadable_document_naming_the_file(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not a real PDF body")
    with pytest.raises(UnreadableDocument, match=r"broken.pdf"):
        read_document(path)


def test_pdf_without_a_text_layer_gives_empty_document(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([""]))
    with pytest.raises(EmptyDocument, match=r"scan.pdf.*no text layer"):
        read_document(path)


def test_missing_file_gives_unreadable_document(tmp_path):
    with pytest.raises(UnreadableDocument, match=r"nowhere.txt.*no such file"):
        read_document(tmp_path / "nowhere.txt")


def test_docx_bold_and_italic_runs_are_marked_as_in_text(tmp_path):
    document = docx.Document()
    heading = document.add_paragraph()
    heading.add_run("DECISION No. 12").bold = True
    second = document.add_paragraph()
    second.add_run("ON TRADE").bold = True
    document.add_paragraph()
    item = document.add_paragraph("1. ")
    item.add_run("Welcomes").italic = True
    item.add_run(" the report;")
    document.add_paragraph("Styled heading", style="Heading 1")
    path = tmp_path / "runs.docx"
    document.save(path)
    assert read_document(path).text.split("\n") == [
        "**DECISION No. 12",
        "ON TRADE**",
        "",
        "1. *Welcomes* the report;",
        "**Styled heading**",
    ]
