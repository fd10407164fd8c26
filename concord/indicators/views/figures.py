"""Entering a figure, and the secretariat's list of figures waiting for approval.

The forms call ``entry.value_put`` and ``entry.value_review``, which check the permission on the
figure itself; the pages only offer what those will accept. A form with errors comes back with
422, its fields marked, and nothing written: the period a figure names is recorded in the same
transaction as the figure, so a refused figure leaves no period behind either.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.accounts.views import requires
from concord.indicators.entry import value_put, value_review
from concord.indicators.models import Approval, Indicator, Value
from concord.indicators.periods import period_for
from concord.indicators.views import tables
from concord.indicators.views.describe import figure_text
from concord.indicators.views.forms import FigureForm, ReviewForm
from concord.indicators.views.indicators import SECTION, access_indicator
from concord.portal.views.pages import page, paginate
from concord.registry.models import Body, Group, Party


def _everything() -> list:
    return [
        (
            _("Parties"),
            [
                (f"party:{p.code}", p.translated("name").text)
                for p in Party.objects.order_by("name")
            ],
        ),
        (
            _("Groups"),
            [
                (f"group:{g.slug}", g.translated("name").text)
                for g in Group.objects.order_by("name")
            ],
        ),
        (
            _("Organizations"),
            [
                (f"body:{b.code}", b.translated("name").text)
                for b in Body.objects.filter(parent__isnull=True).order_by("name")
            ],
        ),
    ]


def subjects_for(user: Any, indicator: Indicator) -> list:
    """The subjects whose figures the person may enter, as grouped choices (empty: none)."""
    if user.has_perm("indicators.approve_value", indicator):
        return _everything()
    parties: dict[int, Party] = {}
    for role in roles_of(user):
        if role.kind == RoleKind.FOCAL_POINT and role.party_id:
            parties[role.party_id] = role.party
        elif (
            role.kind == RoleKind.RESPONSIBLE_BODY and role.body_id == indicator.responsible_body_id
        ):
            if role.body.party_id is None:
                return _everything()
            parties[role.body.party_id] = role.body.party
    allowed = [
        party
        for party in sorted(parties.values(), key=lambda p: p.name)
        if user.has_perm("indicators.enter_value", Value(indicator=indicator, party=party))
    ]
    if not allowed:
        return []
    return [(f"party:{p.code}", p.translated("name").text) for p in allowed]


def _subject(choice: str) -> dict[str, Any]:
    kind, _colon, code = choice.partition(":")
    if kind == "party":
        return {"party": Party.objects.get(code=code)}
    if kind == "group":
        return {"group": Group.objects.get(slug=code)}
    return {"body": Body.objects.get(code=code)}


def _save(request: HttpRequest, form: FigureForm, indicator: Indicator) -> Value | None:
    """Write the figure if the form is valid; the service's refusals go onto the form."""
    if not form.is_valid():
        return None
    refused = ("subject", _("You may not enter figures of this subject."))
    with form.service_refusals(refused), transaction.atomic():
        return value_put(
            user=request.user,
            indicator=indicator,
            period=period_for(form.cleaned_data["period"]),
            figure=form.figure(),
            **_subject(form.cleaned_data["subject"]),
        )
    return None


@requires("indicators.enter_value")
@require_http_methods(["GET", "POST"])
def figure_new(request: HttpRequest, code: str) -> HttpResponse:
    indicator = access_indicator(request.user, code)
    subjects = subjects_for(request.user, indicator)
    if not subjects:
        raise PermissionDenied
    initial = {name: request.GET[name] for name in ("subject", "period") if name in request.GET}
    data = request.POST if request.method == "POST" else None
    form = FigureForm(data, indicator=indicator, subjects=subjects, initial=initial)
    if request.method == "POST":
        value = _save(request, form, indicator)
        if value is not None:
            if value.approval == Approval.APPROVED:
                messages.success(request, _("The figure is recorded and public."))
            else:
                messages.success(
                    request, _("The figure is recorded; it waits for the secretariat's approval.")
                )
            return redirect("indicators:detail", code=indicator.code)
    if form.errors:
        form.describe_errors()
    response = page(
        request,
        "indicators/figure_form.html",
        {"indicator": indicator, "form": form},
        section=SECTION,
    )
    response.status_code = 422 if form.errors else 200
    return response


def _approver_of(request: HttpRequest, code: str) -> Indicator:
    indicator = access_indicator(request.user, code)
    if not request.user.has_perm("indicators.approve_value", indicator):
        raise PermissionDenied
    return indicator


def _pending_page(
    request: HttpRequest, indicator: Indicator, failed: tuple[int, ReviewForm] | None = None
) -> HttpResponse:
    waiting = tables.with_subjects(
        indicator.values.filter(approval=Approval.PENDING).select_related("entered_by")
    ).order_by("period__starts_on", "subject", "breakdown_key", "pk")
    listed = paginate(request, waiting)
    figures = []
    for value in listed:
        form = failed[1] if failed and failed[0] == value.pk else ReviewForm(value_id=value.pk)
        figures.append(
            {
                "value": value,
                "label": tables.figure_label(value),
                "number": figure_text(value.number),
                "form": form,
            }
        )
    response = page(
        request,
        "indicators/pending.html",
        {"indicator": indicator, "page": listed, "figures": figures, "failed": failed},
        section=SECTION,
    )
    response.status_code = 422 if failed else 200
    return response


@requires("indicators.approve_value")
@require_http_methods(["GET"])
def pending(request: HttpRequest, code: str) -> HttpResponse:
    return _pending_page(request, _approver_of(request, code))


@requires("indicators.approve_value")
@require_POST
def review(request: HttpRequest, code: str, value_id: int) -> HttpResponse:
    indicator = _approver_of(request, code)
    value = indicator.values.filter(pk=value_id).first()
    if value is None:
        raise Http404(_("No figure with id %(id)s.") % {"id": value_id})
    form = ReviewForm(request.POST, value_id=value.pk)
    if form.is_valid():
        try:
            value_review(
                user=request.user,
                value=value,
                approve=form.approves,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            label = tables.figure_label(value)
            if form.approves:
                messages.success(request, _("%(figure)s is approved.") % {"figure": label})
            else:
                messages.success(request, _("%(figure)s is returned.") % {"figure": label})
            return redirect("indicators:pending", code=indicator.code)
    form.describe_errors()
    return _pending_page(request, indicator, failed=(value.pk, form))
