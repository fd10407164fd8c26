"""Each seed typeset as Word and as PDF, read back to the structure of its plain text.

The DOCX is a faithful typesetting of the seed's text with python-docx: one paragraph per
line, an empty paragraph for a blank line, no spacing between paragraphs, ``**bold**`` and
``*italic*`` as bold and italic runs, a run of lines holding tab-separated cells as a real
table (rows kept whole on a page, as "allow row to break across pages" off), and a page
number centred in the footer (``\u2013 3 \u2013``). LibreOffice headless turns those DOCX
into PDF, in one call per test session with a profile of its own (so that parallel workers
do not collide).

What is compared, and what is normalized: the instruments (kind, title, symbol) and, for
each provision in order, its ref, number, kind, verb, drafting marks and text. In titles and
texts, whitespace is collapsed to single blanks, because a typeset page breaks lines where
the text file did not (and the other way round); and a blank after a hyphen inside a word is
dropped (``cooperation- remain`` reads as ``cooperation-remain``), because a hyphen printed
at the end of a line or page cannot say whether a blank followed it (pdfium reports it as a
soft hyphen and joins the lines). Nothing else is normalized. Spans are not compared, since
each points into its own reader's text; instead every provision's span must cut its own text
out of the read-back ``SourceText.text``.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from concord.ingestion.pipeline import ingest
from concord.ingestion.readers import DOCX, PDF
from concord.ingestion.structure import ProposedDocument, flatten, join_pieces
from concord.ingestion.tests.conftest import SEEDS, seed_document, seed_source

_BOLD = re.compile(r"\*\*(?=\S)((?:(?!\n[ \t]*\n).)+?)(?<=\S)\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")


def _styles(text: str) -> tuple[list[tuple[bool, bool]], set[int]]:
    """Return the (bold, italic) of each character and the offsets of the marks themselves.

    A mark counts only when it opens before a word and closes after one, with its partner in
    the same paragraph; any other asterisk (a footnote's ``*``, ``***``) is text.
    """
    styles = [(False, False)] * len(text)
    marks: set[int] = set()
    for match in _BOLD.finditer(text):
        marks.update({match.start(), match.start() + 1, match.end() - 2, match.end() - 1})
        for index in range(match.start(1), match.end(1)):
            styles[index] = (True, styles[index][1])
    for match in _ITALIC.finditer(text):
        if match.start() in marks or match.end() - 1 in marks:
            continue
        marks.update({match.start(), match.end() - 1})
        for index in range(match.start(1), match.end(1)):
            styles[index] = (styles[index][0], True)
    return styles, marks


def _add_page_number_footer(document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("\u2013 ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, value = OxmlElement("w:r"), OxmlElement("w:t")
    value.text = "1"
    run.append(value)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" \u2013")


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, value in zip(row.cells, cells, strict=False):
            cell.text = value


def write_docx(text: str, path: Path) -> Path:
    """Typeset ``text`` as a DOCX at ``path`` (see the module docstring) and return the path."""
    document = docx.Document()
    normal = document.styles["Normal"].paragraph_format
    normal.space_before = normal.space_after = Pt(0)
    normal.line_spacing = 1.0
    _add_page_number_footer(document)
    styles, marks = _styles(text)
    lines = text.split("\n")
    offset = 0
    index = 0
    while index < len(lines):
        if lines[index].count("\t") >= 2:
            rows = []
            while index < len(lines) and lines[index].count("\t") >= 2:
                rows.append(lines[index].split("\t"))
                offset += len(lines[index]) + 1
                index += 1
            _add_table(document, rows)
            continue
        paragraph = document.add_paragraph()
        run_text, style = "", None
        for position in range(offset, offset + len(lines[index])):
            if position in marks:
                continue
            if styles[position] != style and run_text:
                run = paragraph.add_run(run_text)
                run.bold, run.italic = style
                run_text = ""
            style = styles[position]
            run_text += text[position]
        if run_text:
            run = paragraph.add_run(run_text)
            run.bold, run.italic = style
        offset += len(lines[index]) + 1
        index += 1
    document.save(path)
    return path


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(sources: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert ``sources`` to PDF in ``outdir`` with one LibreOffice run, in its own profile."""
    soffice = _soffice()
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing; scripts/test installs it")
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return [outdir / f"{source.stem}.pdf" for source in sources]


@pytest.fixture(scope="session")
def typeset(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every seed as DOCX and PDF: ``typeset["002"]["pdf"]``."""
    folder = tmp_path_factory.mktemp("typeset")
    docx_files = [write_docx(seed_source(seed).text, folder / f"{seed}.docx") for seed in SEEDS]
    pdf_files = to_pdf(docx_files, folder, tmp_path_factory.mktemp("soffice-profile"))
    return {
        seed: {"docx": docx_file, "pdf": pdf_file}
        for seed, docx_file, pdf_file in zip(SEEDS, docx_files, pdf_files, strict=True)
    }


_HYPHEN_BLANK = re.compile(r"(?<=\w)-\s+(?=\w)")


def _blanks(text: str | None) -> str | None:
    return _HYPHEN_BLANK.sub("-", " ".join(text.split())) if text is not None else None


def structure(document: ProposedDocument) -> list[tuple]:
    """The instruments and, in order, their provisions, spans aside."""
    rows: list[tuple] = []
    for instrument in document.instruments:
        rows.append((instrument.kind, _blanks(instrument.title), instrument.symbol))
        rows += [
            (p.ref, p.number, p.kind, p.verb, p.bracketed, p.placeholder, _blanks(p.text))
            for p in instrument.walk()
        ]
    return rows


def assert_spans_cut_their_text(document: ProposedDocument, text: str) -> None:
    for instrument in document.instruments:
        for provision in instrument.walk():
            pieces = provision.pieces if "joined" in provision.flags else [provision.span]
            cut = join_pieces(flatten(text[start:end]) for start, end in pieces)
            assert cut == provision.text, provision.ref


@pytest.mark.parametrize("kind, media_type", [("docx", DOCX), ("pdf", PDF)])
def test_each_seed_typeset_reads_back_to_the_structure_of_its_text(
    typeset, any_seed, kind, media_type
):
    job = ingest(typeset[any_seed][kind])
    assert job.source is not None and job.document is not None
    assert job.source.media_type == media_type
    assert structure(job.document) == structure(seed_document(any_seed))
    assert_spans_cut_their_text(job.document, job.source.text)
    assert job.document.mentions


def test_the_pdf_keeps_bold_headings_tables_and_drops_page_numbers(typeset):
    source = ingest(typeset["004"]["pdf"]).source
    assert source is not None
    assert "**DECISION No. 1107\n" in source.text
    assert not re.search(r"^\u2013 \d+ \u2013$", source.text, re.MULTILINE)
    assert len(source.pages) > 5
    work_plan = ingest(typeset["003"]["pdf"]).source
    assert work_plan is not None
    assert "\nOUTCOMES\tOUTPUTS\tKey Activities\tHighlights to date\n" in work_plan.text
