"""A person concerned, pieced together from every State's replies; recording one; match verdicts.

Only the requesting body's officers see a person concerned: anyone else gets 404.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from concord.accounts.views import requires
from concord.cooperation import piecing, requesting
from concord.cooperation.forms import MatchForm, PersonForm
from concord.cooperation.models import Asset, PersonConcerned
from concord.cooperation.reading import record_reading
from concord.cooperation.views import SECTION, form_page
from concord.cooperation.visibility import (
    officer_body_ids,
    persons_visible_to,
    requests_visible_to,
)
from concord.portal.views.pages import page
from concord.registry.models import Body


def visible_person(user, person_id: int) -> PersonConcerned:
    found = persons_visible_to(user).filter(pk=person_id).first()
    if found is None:
        raise Http404(_("No person concerned with id %(id)s.") % {"id": person_id})
    return found


@dataclass
class Holder:
    """One entity holding assets: the spellings the States used, and its assets."""

    names: list[str]
    assets: list[Asset]


def holders_of(whole: piecing.Pieced) -> list[Holder]:
    """Group the assets by holder entity (names confirmed as one entity share a group)."""
    by_id = {asset.pk: asset for asset in whole.assets}
    held = []
    for group in whole.holders:
        names = list(dict.fromkeys(name.text for name in group))
        held.append(Holder(names=names, assets=[by_id[name.key] for name in group]))
    return held


@requires()
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request.user
    person = visible_person(user, person_id)
    record_reading(user, "assets", person=person)
    whole = piecing.pieced(person, set(requests_visible_to(user).values_list("pk", flat=True)))
    by_id = {asset.pk: asset for asset in whole.assets}
    requests = list(requests_visible_to(user).filter(person=person).select_related("party"))
    context = {
        "person": person,
        "requests": requests,
        "linkable": {cr.pk for cr in requests},
        "holders": holders_of(whole),
        "suggestions": [
            (suggestion, by_id[suggestion.a.key], by_id[suggestion.b.key])
            for suggestion in whole.suggestions
        ],
        "competing": whole.competing,
        "rule": piecing.COMPETING_CLAIM_RULE,
        "decisions": [
            (decision, by_id.get(decision.first_id), by_id.get(decision.second_id))
            for decision in whole.decisions
        ],
        "asset_count": len(whole.assets),
        "may_decide": user.has_perm("cooperation.add_matchdecision", person),
    }
    return page(request, "cooperation/person_detail.html", context, section=SECTION)


@requires()
def match_decide(request: HttpRequest, person_id: int) -> HttpResponse:
    person = visible_person(request.user, person_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the two answers for a suggested match."))
        return redirect("cooperation:person", person_id=person.pk)
    try:
        decision = piecing.match_decide(user=request.user, person=person, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("You may not decide the matches of this person."))
    else:
        messages.success(
            request,
            _("Recorded: %(verdict)s.") % {"verdict": decision.get_verdict_display()},
        )
    return redirect("cooperation:person", person_id=person.pk)


@requires("cooperation.add_personconcerned")
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    bodies = Body.objects.filter(pk__in=officer_body_ids(user)).order_by("name")
    form = PersonForm(request.POST if request.method == "POST" else None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            person = requesting.person_create(user=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied:
            form.add_error("requesting_body", _("You are not a cooperation officer of this body."))
        else:
            messages.success(request, _("The person concerned is recorded."))
            return redirect("cooperation:person", person_id=person.pk)
    return form_page(request, "cooperation/person_form.html", {"form": form}, form)
