"""Turning a Django ValidationError from a service into the API's 422 answer, field by field."""

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from ninja.errors import ValidationError


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
