"""Time ingestion of each seed as PDF against pdftotext on the same PDF, and as plain text.

Run on demand (never in tests); it needs LibreOffice (soffice) and poppler-utils (pdftotext):

    .venv/bin/python benchmarks/ingestion.py                 # 5 runs each
    .venv/bin/python benchmarks/ingestion.py --runs 20 --json

Each seed in CONCORD_SEEDS_DIR is typeset as DOCX and turned into PDF by LibreOffice, as the
round-trip test does (concord/ingestion/tests/test_roundtrip.py). For each PDF the table gives
its size, the median time of ``ingest()`` (read + structure + mentions, in-process), the
median time of ``pdftotext FILE -`` (the floor: plain text extraction, a subprocess), and
their ratio; then the same ingestion for the .txt seeds, without a floor. Totals give each
per MB of input.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-any-deployment-0123456789")
os.environ.setdefault("CONCORD_LOG_LEVEL", "WARNING")

import django

django.setup()

from django.conf import settings  # noqa: E402

from concord.ingestion.pipeline import ingest  # noqa: E402
from concord.ingestion.tests.test_roundtrip import to_pdf, write_docx  # noqa: E402

MB = 1024 * 1024


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: imports, caches, the page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def typeset(seeds: list[Path], folder: Path) -> list[Path]:
    """Return each seed as a PDF in ``folder``, converted in one LibreOffice run."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        sys.exit("LibreOffice is missing: apt-get install libreoffice-writer-nogui")
    documents = [write_docx(seed.read_text(encoding="utf-8"), folder / f"{seed.stem}.docx")
                 for seed in seeds]  # fmt: skip
    return to_pdf(documents, folder, folder / "profile")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per document")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        sys.exit("pdftotext is missing: apt-get install poppler-utils")
    seeds = sorted(Path(settings.SEEDS_DIR).glob("*.txt"))
    if not seeds:
        sys.exit(f"No seeds in {settings.SEEDS_DIR} (set CONCORD_SEEDS_DIR)")

    pdf_rows, text_rows = [], []
    with tempfile.TemporaryDirectory(prefix="concord-bench-") as folder:
        progress(f"Typesetting {len(seeds)} seeds as PDF with LibreOffice ...")
        pdfs = typeset(seeds, Path(folder))
        for index, (seed, pdf) in enumerate(zip(seeds, pdfs, strict=True), start=1):
            progress(f"[{index}/{len(seeds)}] {pdf.name}: ingest and pdftotext, {args.runs} runs")
            command = [pdftotext, str(pdf), "-"]
            pdf_rows.append({
                "document": pdf.name,
                "bytes": pdf.stat().st_size,
                "ingest_ms": median_ms(lambda pdf=pdf: ingest(pdf), args.runs),
                "pdftotext_ms": median_ms(
                    lambda command=command: subprocess.run(command, check=True,
                                                           capture_output=True),
                    args.runs,
                ),
            })  # fmt: skip
            progress(f"[{index}/{len(seeds)}] {seed.name}: ingest, {args.runs} runs")
            text_rows.append({
                "document": seed.name,
                "bytes": seed.stat().st_size,
                "ingest_ms": median_ms(lambda seed=seed: ingest(seed), args.runs),
            })  # fmt: skip

    for row in pdf_rows:
        row["ratio"] = row["ingest_ms"] / row["pdftotext_ms"]
    totals = {
        "pdf_bytes": sum(r["bytes"] for r in pdf_rows),
        "pdf_ingest_ms": sum(r["ingest_ms"] for r in pdf_rows),
        "pdftotext_ms": sum(r["pdftotext_ms"] for r in pdf_rows),
        "text_bytes": sum(r["bytes"] for r in text_rows),
        "text_ingest_ms": sum(r["ingest_ms"] for r in text_rows),
    }
    per_mb = {
        "pdf_ingest_ms_per_mb": totals["pdf_ingest_ms"] / (totals["pdf_bytes"] / MB),
        "pdftotext_ms_per_mb": totals["pdftotext_ms"] / (totals["pdf_bytes"] / MB),
        "text_ingest_ms_per_mb": totals["text_ingest_ms"] / (totals["text_bytes"] / MB),
    }
    if args.json:
        print(json.dumps({"runs": args.runs, "pdf": pdf_rows, "text": text_rows,
                          "totals": totals | per_mb}, indent=2))  # fmt: skip
        return

    print(f"\nMedian of {args.runs} runs each; times in ms.\n")
    header = f"{'PDF':<28} {'bytes':>9} {'ingest':>9} {'pdftotext':>10} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for row in pdf_rows:
        print(f"{row['document']:<28} {row['bytes']:>9,} {row['ingest_ms']:>9.1f} "
              f"{row['pdftotext_ms']:>10.1f} {row['ratio']:>7.1f}")  # fmt: skip
    print(f"{'total':<28} {totals['pdf_bytes']:>9,} {totals['pdf_ingest_ms']:>9.1f} "
          f"{totals['pdftotext_ms']:>10.1f} "
          f"{totals['pdf_ingest_ms'] / totals['pdftotext_ms']:>7.1f}")  # fmt: skip
    print(f"{'per MB':<28} {'':>9} {per_mb['pdf_ingest_ms_per_mb']:>9.0f} "
          f"{per_mb['pdftotext_ms_per_mb']:>10.0f}\n")  # fmt: skip
    header = f"{'text':<28} {'bytes':>9} {'ingest':>9}"
    print(header)
    print("-" * len(header))
    for row in text_rows:
        print(f"{row['document']:<28} {row['bytes']:>9,} {row['ingest_ms']:>9.1f}")
    print(f"{'total':<28} {totals['text_bytes']:>9,} {totals['text_ingest_ms']:>9.1f}")
    print(f"{'per MB':<28} {'':>9} {per_mb['text_ingest_ms_per_mb']:>9.0f}")


if __name__ == "__main__":
    main()
