"""The cooperation pages: requests, replies and their files, persons concerned, statistics.

Every record is looked up through ``concord.cooperation.visibility``: one outside what the
person may see is a 404 exactly like a missing id, so that nobody learns a request exists.
Every read of a request, its replies, a file or a person's assets is recorded (``reading``).
A form with errors comes back with 422, its fields marked, and nothing written.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from concord.cooperation.models import CooperationRequest
from concord.cooperation.visibility import requests_visible_to
from concord.portal.views.pages import page

SECTION = "cooperation"


def visible_request(user: Any, request_id: int) -> CooperationRequest:
    """Return the request if ``user`` may see it; otherwise 404, as for a missing id."""
    found = (
        requests_visible_to(user)
        .select_related("party", "requesting_body__parent", "person")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise Http404(_("No request with id %(id)s.") % {"id": request_id})
    return found


def form_page(
    request: HttpRequest, template: str, context: dict, *forms: Any, invalid: bool = False
) -> HttpResponse:
    """Render a page with forms: 422 with each field in error described when one has errors."""
    failed = invalid or any(form.errors for form in forms if form is not None and form.is_bound)
    for form in forms:
        if form is not None and form.is_bound and form.errors:
            form.describe_errors()
    response = page(request, template, context, section=SECTION)
    response.status_code = 422 if failed else 200
    return response
