"""Ingestion: from an instrument's document (text, HTML, PDF, DOCX) to proposed provisions.

The pipeline (``pipeline.py``) reads a file with the reader the registry picks for its sniffed
type (``readers/``), then proposes instruments and their provision trees from the text
(``structure/``). Nothing here writes to the database yet; see docs/ingestion.md.
"""
