"""From where a change is made (a page, the API, the command line, an import, a task).

The entry point sets it once (the middleware for requests, ``concord.cli`` for commands, an
importer or a task around its work); every history record written meanwhile carries it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    PAGE = "page", _("page")
    API = "api", _("API")
    CLI = "cli", _("command line")
    IMPORT = "import", _("import")
    TASK = "task", _("task")


_current: ContextVar[str] = ContextVar("concord_audit_source", default="")


def current_source() -> str:
    return _current.get()


@contextmanager
def changes_from(source: str) -> Iterator[None]:
    """Record every change made inside the block as coming from ``source``."""
    token = _current.set(Source(source).value)
    try:
        yield
    finally:
        _current.reset(token)


def stamp_source(sender, history_instance, **kwargs) -> None:
    """Write the current source on a history record about to be saved (simple-history's hook)."""
    history_instance.history_source = current_source()


class SourceMiddleware:
    """Mark changes made while answering a request as coming from the API or from a page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        source = Source.API if request.path.startswith("/api/") else Source.PAGE
        with changes_from(source):
            return self.get_response(request)
