"""The requests a person may see, drafting one, one request, and moving it on.

A signed-in person without a cooperation role sees an empty list, never a refusal: a refusal
would say there is something to refuse.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from concord.accounts.views import requires
from concord.audit.context import Source
from concord.cooperation import requesting
from concord.cooperation.answering import CLOSED
from concord.cooperation.forms import RequestFilterForm, RequestForm, StatusForm, StepForm
from concord.cooperation.models import (
    Asset,
    Attachment,
    CooperationRequest,
    RequestStatus,
)
from concord.cooperation.piecing import COMPETING_CLAIM_RULE, is_competing_claim
from concord.cooperation.reading import readings_of, record_reading
from concord.cooperation.views import SECTION, form_page, visible_request
from concord.cooperation.visibility import (
    officer_body_ids,
    persons_visible_to,
    requests_visible_to,
)
from concord.portal.views.pages import page, paginate
from concord.registry.models import Body, Party

READINGS_SHOWN = 200


def what_was_read(what: str) -> str:
    """Say in words what a reading was of ("attachment 12" is file 12)."""
    kind, _space, number = what.partition(" ")
    if kind == "attachment":
        return _("file %(id)s") % {"id": number}
    if kind == "asset":
        return _("asset %(id)s") % {"id": number}
    words = {
        "request": _("the request"),
        "replies": _("its replies"),
        "assets": _("assets"),
        "person": _("the person concerned"),
    }
    return words.get(what, what)


def source_label(via: str) -> str:
    return Source(via).label if via in Source.values else via


@requires()
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = requests_visible_to(user)
    parties = Party.objects.filter(pk__in=visible.values("party_id")).order_by("name")
    filters = RequestFilterForm(request.GET, parties=parties)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    shown = visible.select_related("party", "requesting_body", "person")
    for name in ("status", "kind"):
        if chosen.get(name):
            shown = shown.filter(**{name: chosen[name]})
    if chosen.get("party"):
        shown = shown.filter(party=chosen["party"])
    if filters.errors:
        shown = shown.none()
    entries = paginate(request, shown)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "entries": entries,
        "officer_bodies": officer_body_ids(user),
        "any_fictitious": any(entry.fictitious for entry in entries),
        "may_draft": user.has_perm("cooperation.add_cooperationrequest"),
        "may_add_person": user.has_perm("cooperation.add_personconcerned"),
        "query": query.urlencode(),
    }
    return page(request, "cooperation/request_list.html", context, section=SECTION)


def _officer_bodies(user: Any):
    return Body.objects.filter(pk__in=officer_body_ids(user)).order_by("name")


@requires("cooperation.add_cooperationrequest")
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        bodies=_officer_bodies(user),
        persons=persons_visible_to(user),
        requests=requests_visible_to(user),
    )
    if request.method == "POST" and form.is_valid():
        created = _create(user, form)
        if created is not None:
            if created.status == RequestStatus.SENT:
                messages.success(request, _("The request is sent."))
            else:
                messages.success(request, _("The request is kept as a draft."))
            return redirect("cooperation:request", request_id=created.pk)
    return form_page(request, "cooperation/request_form.html", {"form": form}, form)


def _create(user: Any, form: RequestForm) -> CooperationRequest | None:
    """Draft the request, and send it if asked: both or neither."""
    data = form.cleaned_data
    refused = ("requesting_body", _("You are not a cooperation officer of this body."))
    with form.service_refusals(refused), transaction.atomic():
        created = requesting.request_create(
            user=user,
            requesting_body=data["requesting_body"],
            party=data["party"],
            fields=form.content(),
            person=data["person"],
            related=[r.pk for r in data["related"]],
        )
        if data["send_now"]:
            created = requesting.request_update(
                user=user, request=created, changes={"status": RequestStatus.SENT}
            )
        return created
    return None


def _statuses(user: Any, cr: CooperationRequest) -> list[str]:
    """Return the statuses ``user`` may move the request to, in the lifecycle's order."""
    officer = user.has_perm("cooperation.change_cooperationrequest", cr)
    authority = user.has_perm("cooperation.answer_cooperationrequest", cr)
    if not officer and not authority:
        return []
    allowed = requesting.TRANSITIONS.get(cr.status, set())
    if not officer:
        allowed = allowed - requesting.OFFICER_ONLY
    return [status for status in RequestStatus.values if status in allowed]


def _may_add_step(user: Any, cr: CooperationRequest) -> bool:
    return cr.status in (
        RequestStatus.NOT_EXECUTED,
        RequestStatus.PARTIALLY_EXECUTED,
    ) and user.has_perm("cooperation.add_noncooperationstep", cr)


def _detail_page(
    request: HttpRequest,
    cr: CooperationRequest,
    *,
    status_form: StatusForm | None = None,
    step_form: StepForm | None = None,
) -> HttpResponse:
    user = request.user
    record_reading(user, "request", request=cr)
    replies = list(
        cr.replies.prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.defer("data")),
            Prefetch("assets", queryset=Asset.objects.prefetch_related("requests")),
        )
    )
    if replies:
        record_reading(user, "replies", request=cr)
    visible = requests_visible_to(user)
    visible_ids = set(visible.values_list("pk", flat=True))
    others = list(
        cr.assets_concerned.exclude(request=cr)
        .filter(request_id__in=visible_ids)
        .select_related("request__party")
        .prefetch_related("requests")
    )
    assets = [asset for reply in replies for asset in reply.assets.all()] + others
    competing = [asset for asset in assets if is_competing_claim(asset, visible_ids)]
    if status_form is None and (statuses := _statuses(user, cr)):
        status_form = StatusForm(statuses=statuses)
    if step_form is None and _may_add_step(user, cr):
        step_form = StepForm()
    context = {
        "cr": cr,
        "sealed": cr.is_sealed(),
        "related": visible.filter(related=cr).exclude(pk=cr.pk).select_related("party"),
        "replies": replies,
        "others": others,
        "visible_ids": visible_ids,
        "competing": {asset.pk for asset in competing},
        "competing_assets": competing,
        "rule": COMPETING_CLAIM_RULE,
        "steps": list(cr.steps.select_related("recorded_by")),
        "status_form": status_form,
        "step_form": step_form,
        "may_reply": cr.status not in CLOSED and user.has_perm("cooperation.add_reply", cr),
        "may_see_person": cr.person is not None
        and user.has_perm("cooperation.view_personconcerned", cr.person),
        "readings": [
            (r, what_was_read(r.what), source_label(r.via))
            for r in readings_of(cr)[:READINGS_SHOWN]
        ]
        if user.has_perm("cooperation.view_reading", cr)
        else None,
        "changes": changes_of(cr) if user.has_perm("cooperation.view_reading", cr) else None,
    }
    return form_page(request, "cooperation/request_detail.html", context, status_form, step_form)


def changes_of(cr: CooperationRequest) -> list[tuple[Any, str, str]]:
    """Return the request's history, newest first: when, who, and which fields changed.

    Only the fields' names: their values are on the page already, and the old ones stay in
    the history, encrypted, for whoever must read them back.
    """
    records = list(cr.history.select_related("history_user").order_by("-history_date")[:100])
    changes = []
    for record, before in zip(records, [*records[1:], None], strict=True):
        if before is None:
            what = _("created")
        else:
            names = [
                str(CooperationRequest._meta.get_field(c.field).verbose_name)
                for c in record.diff_against(before).changes
            ]
            what = ", ".join(names) or _("saved unchanged")
        changes.append(
            (record, record.history_user.get_username() if record.history_user else "", what)
        )
    return changes


@requires()
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return _detail_page(request, visible_request(request.user, request_id))


@requires()
def request_status(request: HttpRequest, request_id: int) -> HttpResponse:
    cr = visible_request(request.user, request_id)
    user = request.user
    if not (
        user.has_perm("cooperation.change_cooperationrequest", cr)
        or user.has_perm("cooperation.answer_cooperationrequest", cr)
    ):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(request.POST, statuses=_statuses(user, cr))
    if form.is_valid():
        try:
            requesting.request_update(
                user=request.user, request=cr, changes={"status": form.cleaned_data["status"]}
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied:
            form.add_error("status", _("You may not move this request to this status."))
        else:
            messages.success(request, _("The status is changed."))
            return redirect("cooperation:request", request_id=cr.pk)
    return _detail_page(request, cr, status_form=form)


@requires()
def step_new(request: HttpRequest, request_id: int) -> HttpResponse:
    cr = visible_request(request.user, request_id)
    if not request.user.has_perm("cooperation.add_noncooperationstep", cr):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            requesting.step_add(user=request.user, request=cr, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The step is recorded."))
            return redirect("cooperation:request", request_id=cr.pk)
    return _detail_page(request, cr, step_form=form)
