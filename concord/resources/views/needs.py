"""The needs pages: the needs a reader may see (unpublished ones marked, for those who may see
them), those no partner's priority covers, and one need with the priorities that cover it,
ranked with their reasons, and a warning where an offer would fund it a second time."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from concord.portal.views.pages import page, paginate
from concord.resources.matching import matches_for, uncovered_needs
from concord.resources.needs import needs_visible_to
from concord.resources.sdg import targets
from concord.resources.views.pages import SECTION


def need_list(request: HttpRequest) -> HttpResponse:
    needs = needs_visible_to(request.user).select_related("country").order_by("title", "id")
    listed = paginate(request, needs)
    uncovered = uncovered_needs(needs.prefetch_related("nodes"), request.user)
    left = {need.pk for need in uncovered}
    for need in listed:
        need.covered = need.pk not in left
    context = {
        "needs": listed,
        "uncovered": uncovered,
        "illustrative": any(need.illustrative for need in listed),
        "hidden": any(not need.published for need in listed),
    }
    return page(request, "resources/need_list.html", context, section=SECTION)


def need_page(request: HttpRequest, need_id: int) -> HttpResponse:
    need = (
        needs_visible_to(request.user)
        .select_related("country", "support_need__project")
        .prefetch_related("nodes__framework")
        .filter(pk=need_id)
        .first()
    )
    if need is None:
        raise Http404(_("No need with the id %(id)s.") % {"id": need_id})
    found = matches_for(need, request.user)
    known = targets()
    context = {
        "need": need,
        "found": found,
        "sdg_targets": [
            (code, known[code].title if code in known else "") for code in need.sdg_targets
        ],
        "illustrative": need.illustrative
        or any(c.illustrative for c in found.funded_by)
        or any(s.priority.illustrative for s in found.matches),
        "may_change": request.user.is_authenticated
        and request.user.has_perm("resources.change_need", need),
    }
    return page(request, "resources/need_detail.html", context, section=SECTION)
