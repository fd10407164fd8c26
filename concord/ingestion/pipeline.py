"""The ingestion pipeline: an ordered list of small steps sharing one contract.

Each step gets the same plain ``IngestionJob`` (a dataclass, not a model), may prepare in
``setup``, does its work in ``run`` and releases what it holds in ``cleanup``, which runs even
when a step fails. A step that cannot go on raises one of the named errors of
``concord.ingestion.exceptions``; the job stops there and the error names the file.

Steps today: read the file (``ReadStep``), propose the structure (``StructureStep``), find
what the text mentions (``MentionsStep``). None touches the database; writing the proposal into
the registry is ``concord.ingestion.services.proposal_save``, called by whoever holds the
permission (the command, later the upload task).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from concord.ingestion.exceptions import NoStructureFound
from concord.ingestion.mentions import find_mentions
from concord.ingestion.readers import SourceText, read_document
from concord.ingestion.structure import ProposedDocument, propose


@dataclass
class IngestionJob:
    path: Path
    source: SourceText | None = None
    document: ProposedDocument | None = None
    warnings: list[str] = field(default_factory=list)


class Step:
    """One stage of the pipeline: subclasses override ``run``, and the rest if they hold things."""

    name = "step"

    def setup(self, job: IngestionJob) -> None:
        pass

    def run(self, job: IngestionJob) -> None:
        raise NotImplementedError

    def cleanup(self, job: IngestionJob) -> None:
        pass


class ReadStep(Step):
    name = "read"

    def run(self, job: IngestionJob) -> None:
        job.source = read_document(job.path)


class StructureStep(Step):
    name = "structure"

    def run(self, job: IngestionJob) -> None:
        assert job.source is not None
        job.document = propose(job.source)
        if not any(instrument.provisions for instrument in job.document.instruments):
            raise NoStructureFound(job.path, _("no paragraphs, headings or lists were found"))


class MentionsStep(Step):
    name = "mentions"

    def run(self, job: IngestionJob) -> None:
        assert job.source is not None and job.document is not None
        job.document.mentions = [m.to_json() for m in find_mentions(job.source.text)]


DEFAULT_STEPS: tuple[type[Step], ...] = (ReadStep, StructureStep, MentionsStep)


def ingest(
    path: Path | str,
    *,
    steps: Iterable[type[Step]] = DEFAULT_STEPS,
    progress: Callable[[str], None] | None = None,
) -> IngestionJob:
    """Run every step on the file at ``path`` and return the job with what they found."""
    job = IngestionJob(Path(path))
    for step_class in steps:
        step = step_class()
        if progress is not None:
            progress(step.name)
        step.setup(job)
        try:
            step.run(job)
        finally:
            step.cleanup(job)
    return job
