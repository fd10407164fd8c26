"""What every form of Concord's pages shares."""

from django.core.exceptions import ValidationError


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
