"""Reporting cycles: the public list and page, and the secretariat's status of every submission."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from concord.portal.views.pages import page, paginate
from concord.reporting import selectors
from concord.reporting.deadlines import cycle_zone, deadline_ends, is_past, late_parties
from concord.reporting.models import ReportingCycle, Submission

SECTION = "reporting"


def cycle_or_404(request: HttpRequest, cycle_id: int) -> ReportingCycle:
    """Return the cycle if the caller may see it; 404 as for one that does not exist."""
    cycle = (
        selectors.cycles_visible(request.user)
        .select_related("instrument__body__parent")
        .filter(pk=cycle_id)
        .first()
    )
    if cycle is None:
        raise Http404(_("No reporting cycle with id %(id)s.") % {"id": cycle_id})
    return cycle


def deadline_context(cycle: ReportingCycle) -> dict:
    return {
        "zone": cycle_zone(cycle).key,
        "deadline_ends": deadline_ends(cycle),
        "is_past": is_past(cycle),
    }


def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = (
        selectors.cycles_visible(request.user)
        .select_related("instrument")
        .prefetch_related(None)
        .annotate(party_count=Count("parties", distinct=True))
        .order_by("-deadline", "-id")
    )
    return page(
        request, "reporting/cycles/list.html", {"page": paginate(request, cycles)}, section=SECTION
    )


def cycle_detail(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_or_404(request, cycle_id)
    user = request.user
    submissions = {s.party_id: s for s in Submission.objects.filter(cycle=cycle)}
    rows = []
    for party in cycle.parties.all():
        submission = submissions.get(party.pk) or Submission(cycle=cycle, party=party)
        # The rules read the cycle (its instrument and body) and the party: give them those
        # already loaded, rather than one query of each per row.
        submission.cycle, submission.party = cycle, party
        rows.append(
            {
                "party": party,
                "submission": submission,
                "may_see": selectors.submission_visible(user, submission),
            }
        )
    questions = cycle.questions.select_related("provision", "indicator__responsible_body")
    return page(
        request,
        "reporting/cycles/detail.html",
        {
            "cycle": cycle,
            "rows": rows,
            "questions": questions,
            "may_follow": user.has_perm("reporting.change_reportingcycle", cycle),
            **deadline_context(cycle),
        },
        section=SECTION,
    )


def cycle_status(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Every party's submission in a cycle, for the instrument's secretariat."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    cycle = cycle_or_404(request, cycle_id)
    if not request.user.has_perm("reporting.change_reportingcycle", cycle):
        raise PermissionDenied
    submissions = {
        s.party_id: s
        for s in Submission.objects.filter(cycle=cycle).annotate(review_count=Count("reviews"))
    }
    late = set(late_parties(cycle).values_list("pk", flat=True))
    rows = [
        {
            "party": party,
            "submission": submissions.get(party.pk),
            "late": party.pk in late,
        }
        for party in sorted(cycle.parties.all(), key=lambda p: p.name)
    ]
    return page(
        request,
        "reporting/cycles/status.html",
        {"cycle": cycle, "rows": rows, "late_count": len(late), **deadline_context(cycle)},
        section=SECTION,
    )
