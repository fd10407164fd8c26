"""The directory's front page: what it holds, and where to find each part."""

from django.http import HttpRequest, HttpResponse

from concord.directory.models import BestPractice, Contact, Legislation, Meeting
from concord.directory.views import SECTION
from concord.portal.views.pages import page


def index(request: HttpRequest) -> HttpResponse:
    counts = {
        "contacts": Contact.objects.count(),
        "legislation": Legislation.objects.count(),
        "meetings": Meeting.objects.count(),
        "practices": BestPractice.objects.count(),
    }
    return page(request, "directory/index.html", {"counts": counts}, section=SECTION)
