"""The public pages of resources: the overview, a partner, a modality, and funding by result.

Everyone sees published contributions; the receiving organization's secretariat and a partner
also see their unpublished ones (marked). Demo figures no source gives are marked illustrative
wherever they are shown.
"""

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.accounts.selectors import instruments_open_to
from concord.portal.views.pages import page
from concord.registry.models import ResultsNode
from concord.resources.models import FundingModality, ResourcePartner
from concord.resources.visibility import contributions_visible_to

SECTION = "resources"


def frameworks_open_to(user):
    """The instruments with a results framework that ``user`` may open."""
    with_nodes = ResultsNode.objects.values("framework_id")
    return instruments_open_to(user).filter(pk__in=with_nodes).order_by("title")


def overview(request: HttpRequest) -> HttpResponse:
    context = {
        "frameworks": list(frameworks_open_to(request.user)),
        "partners": list(ResourcePartner.objects.select_related("party")),
        "modalities": list(
            FundingModality.objects.filter(parent__isnull=True)
            .select_related("organization")
            .prefetch_related("windows")
        ),
    }
    return page(request, "resources/overview.html", context, section=SECTION)


def _contributions(request: HttpRequest, condition: Q):
    return list(
        contributions_visible_to(request.user)
        .filter(condition)
        .select_related("partner__party", "organization", "modality", "country")
        .order_by("-status_on", "reference")
    )


def partner_page(request: HttpRequest, code: str) -> HttpResponse:
    partner = (
        ResourcePartner.objects.select_related("party").filter(party__code__iexact=code).first()
    )
    if partner is None:
        raise Http404(_("No resource partner with the code %(code)s.") % {"code": code})
    contributions = _contributions(request, Q(partner=partner))
    priorities = list(
        partner.priorities.select_related("node__framework", "country", "modality").exclude(
            Q(node__isnull=False) & ~Q(node__framework__in=frameworks_open_to(request.user))
        )
    )
    context = {
        "partner": partner,
        "priorities": priorities,
        "contributions": contributions,
        "illustrative": any(c.illustrative for c in contributions)
        or any(p.illustrative for p in priorities),
        "may_add_priority": request.user.is_authenticated
        and request.user.has_perm("resources.add_priority", partner),
    }
    return page(request, "resources/partner.html", context, section=SECTION)


def modality_page(request: HttpRequest, organization: str, code: str) -> HttpResponse:
    modality = (
        FundingModality.objects.select_related("organization", "parent")
        .filter(organization__code=organization, code=code)
        .first()
    )
    if modality is None:
        raise Http404(_("No funding modality %(code)s.") % {"code": code})
    contributions = _contributions(request, Q(modality=modality) | Q(modality__parent=modality))
    context = {
        "modality": modality,
        "windows": list(modality.windows.all()),
        "contributions": contributions,
        "illustrative": any(c.illustrative for c in contributions),
        "today": timezone.localdate(),
    }
    return page(request, "resources/modality.html", context, section=SECTION)
