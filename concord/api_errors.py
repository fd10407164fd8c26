"""Turning a service's refusals into the API's answers: 403, and 422 field by field."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from ninja.errors import HttpError, ValidationError


def unprocessable(
    exc: DjangoValidationError, *, location: Callable[[str], list[str]], whole: str = "__all__"
) -> ValidationError:
    """Return a 422 naming each field the service refused (``location`` gives its ``loc``).

    An error that names no field is filed under ``whole``.
    """
    errors = exc.message_dict if hasattr(exc, "error_dict") else {whole: exc.messages}
    return ValidationError(
        [
            {"type": "value_error", "loc": location(field), "msg": " ".join(messages)}
            for field, messages in errors.items()
        ]
    )


def body_field(field: str) -> list[str]:
    return ["body", field]


@contextmanager
def refusals(
    refused: Any, *, as_422: Callable[[DjangoValidationError], ValidationError] | None = None
) -> Iterator[None]:
    """Answer a service's PermissionDenied with 403 saying ``refused``, its ValidationError with
    a 422 (by ``as_422``; by default naming each field of the body)."""
    try:
        yield
    except PermissionDenied:
        raise HttpError(403, str(refused)) from None
    except DjangoValidationError as exc:
        raise (as_422 or (lambda e: unprocessable(e, location=body_field)))(exc) from None
