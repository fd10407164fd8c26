"""Writing a party's plan on the pages: planned actions, reform projects, publishing, reviews.

The writes are ``concord.reporting.planning`` and ``concord.reporting.projects``, as for the
API. Whoever is not signed in is sent to sign in; a person whose roles never may write gets 404
for a record (403 for a new one under a party, which is public); a record the caller may not
see, or may not change, is 404 exactly like one that does not exist. A form with errors comes
back with 422, its fields marked, and nothing written.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concord.accounts.views import requires
from concord.registry.models import Instrument, Party
from concord.reporting import planning, projects
from concord.reporting.models import PlanAction, ProjectStage, ReformProject
from concord.reporting.plan_forms import (
    EXTRA_SUPPORT_ROWS,
    MAX_SUPPORT_ROWS,
    ActionForm,
    InstrumentPickForm,
    ProjectForm,
    ProjectReviewForm,
    SupportNeedRows,
    instruments_to_plan_under,
    support_need_rows,
)
from concord.reporting.recommending import recommendations_visible

SECTION = "reporting"


def post_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer 405 to anything but POST (after the sign-in and role checks around it)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, *args, **kwargs)

    return wrapped


def _action_or_404(request: HttpRequest, action_id: int, permission: str) -> PlanAction:
    action = planning.actions_visible(request.user).filter(pk=action_id).first()
    if action is None or not request.user.has_perm(permission, action):
        raise Http404(_("No planned action with id %(id)s.") % {"id": action_id})
    return action


def _project_or_404(request: HttpRequest, project_id: int, permission: str) -> ReformProject:
    project = planning.projects_visible(request.user).filter(pk=project_id).first()
    if project is None or not request.user.has_perm(permission, project):
        raise Http404(_("No reform project with id %(id)s.") % {"id": project_id})
    return project


def _party_to_plan(
    request: HttpRequest, code: str, record: type[PlanAction | ReformProject]
) -> Party:
    """The party a new record is planned for, if the caller may plan its records (else 403)."""
    party = get_object_or_404(Party, code=code)
    permission = f"reporting.add_{record._meta.model_name}"
    if not request.user.has_perm(permission, record(party=party)):
        raise PermissionDenied
    return party


def _instrument_chosen(
    request: HttpRequest, party: Party
) -> tuple[Instrument | None, InstrumentPickForm]:
    """The instrument named by ``?instrument=`` (or the only one there is), and the picker.

    An instrument the party does not report under, or the caller may not plan under, is 404.
    """
    instruments = instruments_to_plan_under(request.user, party)
    picker = InstrumentPickForm(instruments=instruments)
    chosen = request.GET.get("instrument", "")
    if not chosen:
        only = list(instruments[:2])
        return (only[0] if len(only) == 1 else None), picker
    number = _number(chosen)
    instrument = instruments.filter(pk=number).first() if number is not None else None
    if instrument is None:
        raise Http404(
            _("%(party)s does not report under an instrument with id %(id)s.")
            % {"party": party.name, "id": chosen[:20]}
        )
    return instrument, picker


def _number(text: str) -> int | None:
    """A whole number typed in a URL's query, if it is one the database can hold."""
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


def _form_page(request: HttpRequest, template: str, context: dict, status: int) -> HttpResponse:
    for form in (context.get("form"), context.get("needs")):
        if form is not None and status == 422:
            form.describe_errors()
    return render(request, template, {**context, "section": SECTION}, status=status)


def _plan_url(party: Party) -> str:
    return reverse("reporting:party_plan", kwargs={"code": party.code})


# Planned actions ----------------------------------------------------------------------------


def _action_form(
    request: HttpRequest, party: Party, instrument: Instrument, action: PlanAction | None = None
) -> ActionForm:
    recommendations = recommendations_visible(request.user).filter(
        party=party, cycle__instrument=instrument
    )
    data = request.POST if request.method == "POST" else None
    return ActionForm(data, recommendations=recommendations, instrument=instrument, action=action)


def _save_action(
    request: HttpRequest, form: ActionForm, write: Callable[..., PlanAction]
) -> PlanAction | None:
    """Write the action if the form is valid; the service's refusals go onto the form."""
    if not form.is_valid():
        return None
    with form.service_refusals():
        return write(user=request.user, content=form.content())
    return None


@requires("reporting.add_planaction")
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, code: str) -> HttpResponse:
    party = _party_to_plan(request, code, PlanAction)
    instrument, picker = _instrument_chosen(request, party)
    context: dict[str, Any] = {"party": party, "instrument": instrument, "picker": picker}
    if instrument is None:
        return _form_page(request, "reporting/plans/pick_instrument.html", context, 200)
    form = _action_form(request, party, instrument)
    if request.method == "POST":

        def create(**kwargs: Any) -> PlanAction:
            return planning.action_create(party=party, instrument=instrument, **kwargs)

        if _save_action(request, form, create):
            messages.success(
                request, _("The action is saved as a draft: publish it when it is ready.")
            )
            return redirect(_plan_url(party))
    status = 422 if form.errors else 200
    return _form_page(
        request, "reporting/plans/action_form.html", {**context, "form": form}, status
    )


@requires("reporting.change_planaction", refused=Http404)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id, "reporting.change_planaction")
    form = _action_form(request, action.party, action.instrument, action)
    if request.method == "POST":

        def update(**kwargs: Any) -> PlanAction:
            return planning.action_update(action=action, **kwargs)

        if _save_action(request, form, update):
            messages.success(request, _("The action is saved."))
            return redirect(_plan_url(action.party))
    context = {
        "party": action.party,
        "instrument": action.instrument,
        "action": action,
        "form": form,
    }
    status = 422 if form.errors else 200
    return _form_page(request, "reporting/plans/action_form.html", context, status)


@requires("reporting.publish_planaction", refused=Http404)
@post_only
def action_publish(request: HttpRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id, "reporting.publish_planaction")
    try:
        planning.action_publish(action=action, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("“%(title)s” is published: everyone can now read it.") % {"title": action.title},
        )
    return redirect(_plan_url(action.party))


# Reform projects ----------------------------------------------------------------------------


def _rows_asked(request: HttpRequest) -> int:
    rows = _number(request.GET.get("rows", ""))
    return EXTRA_SUPPORT_ROWS if rows is None else min(rows, MAX_SUPPORT_ROWS)


def _project_forms(
    request: HttpRequest, instrument: Instrument, project: ReformProject | None = None
) -> tuple[ProjectForm, SupportNeedRows]:
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instrument=instrument, project=project)
    stored = project.support_needs.all() if project is not None else ()
    needs = support_need_rows(data, needs=stored, rows=_rows_asked(request))
    return form, needs


def _save_project(
    request: HttpRequest,
    form: ProjectForm,
    needs: SupportNeedRows,
    write: Callable[..., ReformProject],
) -> ReformProject | None:
    """Write the project and its needs if every row is valid; refusals go onto the fields."""
    rows_valid = needs.is_valid()
    if not (form.is_valid() and rows_valid):
        return None
    try:
        return write(user=request.user, content=form.content(needs.specs()))
    except ValidationError as exc:
        rest = needs.add_service_errors(exc)
        if rest is not None:
            form.add_service_errors(rest)
        return None


def _has_errors(form: ProjectForm, needs: SupportNeedRows) -> bool:
    return bool(form.errors) or (needs.is_bound and not needs.is_valid())


def _project_context(form: ProjectForm, needs: SupportNeedRows, **context: Any) -> dict[str, Any]:
    shown = needs.total_form_count()
    return {
        **context,
        "form": form,
        "needs": needs,
        "more_rows": min(shown + EXTRA_SUPPORT_ROWS, MAX_SUPPORT_ROWS) - len(needs.initial or []),
        "rows_left": shown < MAX_SUPPORT_ROWS,
    }


@requires("reporting.add_reformproject")
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest, code: str) -> HttpResponse:
    party = _party_to_plan(request, code, ReformProject)
    instrument, picker = _instrument_chosen(request, party)
    context: dict[str, Any] = {"party": party, "instrument": instrument, "picker": picker}
    if instrument is None:
        context["project_picked"] = True
        return _form_page(request, "reporting/plans/pick_instrument.html", context, 200)
    form, needs = _project_forms(request, instrument)
    if request.method == "POST":

        def create(**kwargs: Any) -> ReformProject:
            return projects.project_create(party=party, instrument=instrument, **kwargs)

        project = _save_project(request, form, needs, create)
        if project is not None:
            messages.success(
                request, _("The project is saved as a draft: publish it when it is ready.")
            )
            return redirect("reporting:project", project_id=project.pk)
    status = 422 if _has_errors(form, needs) else 200
    context = _project_context(form, needs, **context)
    return _form_page(request, "reporting/plans/project_form.html", context, status)


@requires("reporting.change_reformproject", refused=Http404)
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project_or_404(request, project_id, "reporting.change_reformproject")
    form, needs = _project_forms(request, project.instrument, project)
    if request.method == "POST":

        def update(**kwargs: Any) -> ReformProject:
            return projects.project_update(project=project, **kwargs)

        if _save_project(request, form, needs, update) is not None:
            messages.success(request, _("The project is saved."))
            return redirect("reporting:project", project_id=project.pk)
    status = 422 if _has_errors(form, needs) else 200
    context = _project_context(
        form, needs, party=project.party, instrument=project.instrument, project=project
    )
    return _form_page(request, "reporting/plans/project_form.html", context, status)


@requires("reporting.publish_reformproject", refused=Http404)
@post_only
def project_publish(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project_or_404(request, project_id, "reporting.publish_reformproject")
    try:
        projects.project_publish(project=project, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The project is published: everyone can now read it."))
    return redirect("reporting:project", project_id=project.pk)


@requires("reporting.review_reformproject", refused=Http404)
@require_http_methods(["GET", "POST"])
def project_review(request: HttpRequest, project_id: int) -> HttpResponse:
    """The steering group's midterm or final review, once the project is published."""
    project = _project_or_404(request, project_id, "reporting.review_reformproject")
    done = list(project.reviews.all())
    form = ProjectReviewForm(request.POST if request.method == "POST" else None, done=done)
    if request.method == "POST" and form.is_valid():
        try:
            projects.project_review(project=project, user=request.user, **form.review())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The review is recorded."))
            return redirect("reporting:project", project_id=project.pk)
    context = {
        "project": project,
        "form": form,
        "done": done,
        "all_done": len(done) >= len(ProjectStage.values),
    }
    status = 422 if form.errors else 200
    return _form_page(request, "reporting/plans/project_review.html", context, status)
