"""What every form of Concord's pages shares."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError


class DescribedErrors:
    """Point each field in error at its message, for screen readers (``aria-describedby``)."""

    def describe_errors(self) -> None:
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = [f"{self[name].auto_id}-error", attrs.get("aria-describedby", "")]
                attrs["aria-describedby"] = " ".join(filter(None, described))

    def add_service_errors(self, exc: ValidationError) -> None:
        """Tie a service's errors to the fields they name; the others to the whole form."""
        for name, messages in exc.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)

    @contextmanager
    def service_refusals(self, refused: tuple[str | None, str] | None = None) -> Iterator[None]:
        """Put what a service refuses on the form, instead of letting it escape the view.

        Its ValidationError goes to the fields it names; with ``refused`` (a field, None for the
        whole form, and a message), its PermissionDenied too; without, that propagates (403).
        """
        try:
            yield
        except ValidationError as exc:
            self.add_service_errors(exc)
        except PermissionDenied:
            if refused is None:
                raise
            self.add_error(*refused)
