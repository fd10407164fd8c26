"""Any list of the indicators API as a CSV download (``?format=csv``).

The file streams a few hundred rows at a time, under a header row. A number is written as its
exact decimal and a missing one as an empty cell, never 0. A text cell that a spreadsheet would
run as a formula is made plain text; numbers are left as they are, minus signs included.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse

from concord.indicators.api.schemas import number_text

CONTENT_TYPE = "text/csv; charset=utf-8; header=present"
BATCH = 500


def csv_cell(value: Any) -> str:
    """Write one cell: exact decimals, empty for missing, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return number_text(value) or ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """Yield the CSV text of ``header`` and ``rows``, in batches."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for n, row in enumerate(rows, start=1):
        writer.writerow([csv_cell(value) for value in row])
        if n % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(
    name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """Return ``rows`` as a streamed CSV attachment named ``name``.csv."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
