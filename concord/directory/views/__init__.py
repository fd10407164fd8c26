"""Pages of the directory, one module per family, and what their forms share."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from concord.portal.views.pages import page

SECTION = "directory"


def save_form(
    request: HttpRequest, form: Any, write: Callable, *, refused: tuple[str | None, str]
) -> Any:
    """Write what a valid form says through ``write``; put the service's refusals on the form.

    ``refused`` is the field (None for the whole form) and the message a PermissionDenied gets.
    Return the record written, or None.
    """
    if not form.is_valid():
        return None
    with form.service_refusals(refused):
        return write(user=request.user, content=form.content())
    return None


def form_page(request: HttpRequest, template: str, form: Any, context: dict) -> HttpResponse:
    """Render a form page: 422, with its errors described, when the form has errors."""
    if form.errors:
        form.describe_errors()
    response = page(request, template, {**context, "form": form}, section=SECTION)
    response.status_code = 422 if form.errors else 200
    return response
