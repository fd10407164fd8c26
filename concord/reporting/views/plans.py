"""A party's implementation plan and its reform projects: the pages that read them.

Everyone sees what the party published; the party's focal points and reviewers and the
instrument's secretariat also see its drafts, marked as such. A project the caller may not see
is 404, like one that does not exist. The links and buttons to write (``views/plan_forms.py``)
are shown only to those who may use them.
"""

from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from concord.registry.models import Party
from concord.reporting import planning, projects
from concord.reporting.models import PlanAction, ProjectStage, ReformProject
from concord.reporting.plan_forms import InstrumentPickForm, instruments_to_plan_under


def may(user: Any, permission: str, records: Iterable[PlanAction | ReformProject]) -> set[int]:
    """The ids of the records ``user`` holds ``permission`` on (none for the public)."""
    if not user.is_authenticated:
        return set()
    return {record.pk for record in records if user.has_perm(permission, record)}


def publishable(user: Any, permission: str, records: list) -> set[int]:
    return may(user, permission, [r for r in records if not r.is_published])


def party_plan(request: HttpRequest, code: str) -> HttpResponse:
    user = request.user
    party = get_object_or_404(Party, code=code)
    actions = list(planning.actions_visible(user).filter(party=party))
    reform_projects = list(planning.projects_visible(user).filter(party=party))
    may_add_action = user.is_authenticated and user.has_perm(
        "reporting.add_planaction", PlanAction(party=party)
    )
    may_add_project = user.is_authenticated and user.has_perm(
        "reporting.add_reformproject", ReformProject(party=party)
    )
    picker = None
    if may_add_action or may_add_project:
        picker = InstrumentPickForm(instruments=instruments_to_plan_under(user, party))
    editable_actions = may(user, "reporting.change_planaction", actions)
    editable_projects = may(user, "reporting.change_reformproject", reform_projects)
    return render(
        request,
        "reporting/plans/party_plan.html",
        {
            "party": party,
            "groups": planning.plan_groups(actions),
            "projects": [
                (project, projects.support_totals(project.support_needs.all()))
                for project in reform_projects
            ],
            "totals": projects.support_totals(
                need
                for project in reform_projects
                if project.is_published
                for need in project.support_needs.all()
            ),
            "drafts_shown": any(not r.is_published for r in [*actions, *reform_projects]),
            "may_add_action": may_add_action,
            "may_add_project": may_add_project,
            "picker": picker,
            "editable_actions": editable_actions,
            "publishable_actions": publishable(user, "reporting.publish_planaction", actions),
            "editable_projects": editable_projects,
            "publishable_projects": publishable(
                user, "reporting.publish_reformproject", reform_projects
            ),
            "manages": bool(editable_actions or editable_projects),
            "section": "reporting",
        },
    )


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    user = request.user
    project = planning.projects_visible(user).filter(pk=project_id).first()
    if project is None:
        raise Http404(_("No reform project with id %(id)s.") % {"id": project_id})
    reviews = list(project.reviews.all())
    return render(
        request,
        "reporting/plans/project.html",
        {
            "project": project,
            "needs": list(project.support_needs.all()),
            "totals": projects.support_totals(project.support_needs.all()),
            "reviews": reviews,
            "may_edit": bool(may(user, "reporting.change_reformproject", [project])),
            "may_publish": bool(publishable(user, "reporting.publish_reformproject", [project])),
            "may_review": project.is_published
            and len(reviews) < len(ProjectStage.values)
            and bool(may(user, "reporting.review_reformproject", [project])),
            "section": "reporting",
        },
    )
