"""Funding by result, drilled down from the goal to an activity: a node's figures, its children
with theirs, the nodes under it that nobody funds, and the exchange rates the totals used."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.indicators.models import Period
from concord.portal.views.pages import page
from concord.registry.models import Party
from concord.resources.funding import Filters, funding_tree
from concord.resources.models import ProgressNote
from concord.resources.views.forms import FundingForm
from concord.resources.views.pages import SECTION, frameworks_open_to

FILTERS = ("currency", "on", "modality", "partner", "earmarking", "period")


def _ancestors(item, by_id) -> list:
    chain = []
    parent = by_id.get(item.node.parent_id)
    while parent is not None:
        chain.insert(0, parent)
        parent = by_id.get(parent.node.parent_id)
    return chain


def funding_page(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = frameworks_open_to(request.user).filter(pk=instrument_id).first()
    if instrument is None:
        raise Http404(_("No results framework with the id %(id)s.") % {"id": instrument_id})
    form = FundingForm(
        request.GET if any(name in request.GET for name in FILTERS) else None,
        organization_ids={instrument.body_id},
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    span = data.get("period")
    tree = funding_tree(
        instrument,
        user=request.user,
        currency=data.get("currency") or "USD",
        on=data.get("on") or timezone.localdate(),
        filters=Filters(
            modality=data.get("modality", ""),
            partner=data.get("partner", ""),
            earmarking=data.get("earmarking", ""),
            period=Period(code=span.code, starts_on=span.starts_on, ends_on=span.ends_on)
            if span
            else None,
        ),
    )
    by_id = {item.node.pk: item for item in tree.nodes()}
    chosen = by_id.get(_int(request.GET.get("node"))) or (tree.roots[0] if tree.roots else None)
    if chosen:
        _name_partners([chosen, *chosen.children])
    kept = {name: request.GET[name] for name in FILTERS if request.GET.get(name)}
    context = {
        "instrument": instrument,
        "form": form,
        "tree": tree,
        "chosen": chosen,
        "ancestors": _ancestors(chosen, by_id) if chosen else [],
        "unfunded": [item for item in chosen.walk() if not item.funded] if chosen else [],
        "notes": list(
            ProgressNote.objects.filter(node__in=[item.node for item in chosen.walk()])
            .select_related("node")
            .order_by("node__seq", "-on", "id")
        )
        if chosen
        else [],
        "kept": urlencode(kept),
        "csv_url": f"/api/instruments/{instrument.pk}/funding?"
        + urlencode({**kept, "format": "csv"}),
    }
    if form.errors:
        form.describe_errors()
    response = page(request, "resources/funding.html", context, section=SECTION)
    response.status_code = 422 if form.errors else 200
    return response


def _name_partners(items: list) -> None:
    """Give each item ``partner_names``: its partners' names, in the reader's language."""
    codes = {code for item in items for code in item.partners}
    names = {
        party.code: party.translated("name").text for party in Party.objects.filter(code__in=codes)
    }
    for item in items:
        item.partner_names = sorted(names.get(code, code) for code in item.partners)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None
