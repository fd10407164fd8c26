"""Each person's reporting work: open cycles, deadlines, drafts, returned items, recommendations."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from concord.portal.views.pages import page
from concord.reporting.dashboards import dashboard_for
from concord.reporting.models import SubmissionStatus
from concord.reporting.views.cycles import SECTION


def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return page(
        request,
        "reporting/dashboard.html",
        {"dashboard": dashboard_for(request.user), "statuses": SubmissionStatus.choices},
        section=SECTION,
    )
