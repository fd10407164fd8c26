from django.http import HttpRequest, HttpResponse

from concord.portal.forms import PartyFilterForm, filters_of
from concord.portal.views.instruments import attach_sources
from concord.portal.views.pages import page, paginate
from concord.registry import selectors
from concord.search.engine import filter_queryset


def party_list(request: HttpRequest) -> HttpResponse:
    form = PartyFilterForm(request.GET, groups=list(selectors.group_list()))
    filters = filters_of(form)
    query = filters.pop("q", "")
    parties = selectors.party_list(**filters)
    if query:
        parties = filter_queryset(parties, kind="party", query=query)
    return page(
        request,
        "portal/parties/list.html",
        {"form": form, "filtered": bool(filters or query), "page": paginate(request, parties)},
        section="parties",
    )


def party_detail(request: HttpRequest, code: str) -> HttpResponse:
    party = selectors.party_get(code)
    participation = list(selectors.participation_of_party(party))
    statements = list(selectors.statements_of_party(party))
    attach_sources([*participation, *statements])
    return page(
        request,
        "portal/parties/detail.html",
        {"party": party, "participation": participation, "statements": statements},
        section="parties",
    )


def group_list(request: HttpRequest) -> HttpResponse:
    return page(
        request, "portal/groups/list.html", {"groups": selectors.group_list()}, section="groups"
    )


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return page(
        request, "portal/groups/detail.html", {"group": selectors.group_get(slug)}, section="groups"
    )
