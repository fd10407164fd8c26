"""A party's implementation plan and its reform projects: read-only pages (writes go by the API).

Everyone sees what the party published; the party's focal points and reviewers and the
instrument's secretariat also see its drafts, marked as such. A project the caller may not see
is 404, like one that does not exist.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from concord.registry.models import Party
from concord.reporting import planning, projects


def party_plan(request: HttpRequest, code: str) -> HttpResponse:
    party = get_object_or_404(Party, code=code)
    actions = list(planning.actions_visible(request.user).filter(party=party))
    reform_projects = list(planning.projects_visible(request.user).filter(party=party))
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
            "section": "reporting",
        },
    )


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = planning.projects_visible(request.user).filter(pk=project_id).first()
    if project is None:
        raise Http404(_("No reform project with id %(id)s.") % {"id": project_id})
    return render(
        request,
        "reporting/plans/project.html",
        {
            "project": project,
            "needs": list(project.support_needs.all()),
            "totals": projects.support_totals(project.support_needs.all()),
            "reviews": list(project.reviews.all()),
            "section": "reporting",
        },
    )
