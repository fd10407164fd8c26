from django.http import HttpRequest, HttpResponse

from concord.portal.views.pages import page
from concord.registry import selectors
from concord.registry.models import Body


def body_list(request: HttpRequest) -> HttpResponse:
    bodies = list(selectors.body_list())
    organs: dict[int | None, list[Body]] = {}
    for body in bodies:
        organs.setdefault(body.parent_id, []).append(body)
    known = {body.pk for body in bodies}
    roots = [body for body in bodies if body.parent_id is None or body.parent_id not in known]
    return page(
        request,
        "portal/bodies/list.html",
        {"roots": roots, "organs": organs, "count": len(bodies)},
        section="bodies",
    )


def body_detail(request: HttpRequest, code: str) -> HttpResponse:
    body = selectors.body_get(code)
    return page(
        request,
        "portal/bodies/detail.html",
        {"body": body, "instruments": selectors.instrument_list(body=body.code)},
        section="bodies",
    )
