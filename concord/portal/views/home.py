from django.http import HttpRequest, HttpResponse

from concord.portal.views.pages import page
from concord.registry import selectors

LATEST = 6


def home(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "portal/home.html",
        {
            "counts": selectors.registry_counts(),
            "latest": selectors.instrument_list()[:LATEST],
        },
    )
