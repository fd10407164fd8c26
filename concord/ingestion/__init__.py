"""Ingestion: from an instrument's document (text, HTML, PDF, DOCX) to proposed provisions.

The pipeline (``pipeline.py``) reads a file with the reader the registry picks for its sniffed
type (``readers/``), proposes instruments, their provision trees and results framework from the
text (``structure/``) and finds what it mentions (``mentions/``). ``services.proposal_save``
writes a proposal into the registry for review; ``uploads.py`` and ``tasks.py`` do the same
for a file uploaded on the web, in the background; ``review.py`` corrects and publishes. See
docs/ingestion.md.
"""
