from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from concord.portal.forms import SearchForm
from concord.portal.views.pages import page
from concord.search import engine

GROUP_TITLES = {
    "instrument": _("Instruments"),
    "provision": _("Provisions"),
    "party": _("Parties"),
}


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = engine.search(form.cleaned_data["q"]) if form.is_valid() else None
    groups = []
    if results is not None:
        for kind in engine.KINDS:
            groups.append(
                {
                    "kind": kind,
                    "title": GROUP_TITLES[kind],
                    "hits": results.groups.get(kind, []),
                    "count": results.counts.get(kind, 0),
                    "exact": results.counts_exact.get(kind, True),
                }
            )
    return page(
        request,
        "portal/search.html",
        {"form": form, "results": results, "groups": groups},
        section="search",
    )
