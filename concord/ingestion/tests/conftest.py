"""Fixtures for the ingestion tests: the real seed documents, read once per session."""

from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from concord.ingestion.readers import SourceText, read_document
from concord.ingestion.structure import ProposedDocument, propose


def seed_path(prefix: str) -> Path:
    """Return the seed whose file name starts with ``prefix`` (``"002"``)."""
    (path,) = sorted(Path(settings.SEEDS_DIR).glob(f"{prefix}_*.txt"))
    return path


SEEDS = ("000", "001", "002", "003", "004")


@cache
def seed_source(prefix: str) -> SourceText:
    return read_document(seed_path(prefix))


@cache
def seed_document(prefix: str) -> ProposedDocument:
    return propose(seed_source(prefix))


@pytest.fixture(params=SEEDS)
def any_seed(request) -> str:
    return request.param


@pytest.fixture(autouse=True)
def uploads_dir(settings, tmp_path) -> Path:
    """Give each ingestion test an empty folder of its own for the files it keeps."""
    settings.UPLOADS_DIR = tmp_path / "uploads"
    return settings.UPLOADS_DIR
