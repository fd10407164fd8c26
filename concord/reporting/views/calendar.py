"""Each person's deadlines as an iCalendar feed, at a private address shown on their page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from concord.accounts.views import requires
from concord.reporting.calendar import deadlines_of, feed_ical, feed_person, feed_token


@requires()
def calendar(request: HttpRequest) -> HttpResponse:
    """Show the person's upcoming deadlines and the private address of their feed."""
    token = feed_token(request.user)
    return render(
        request,
        "reporting/calendar/calendar.html",
        {
            "section": "reporting",
            "deadlines": deadlines_of(request.user),
            "feed_url": request.build_absolute_uri(
                reverse("reporting:calendar_feed", kwargs={"token": token})
            ),
        },
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Serve the feed of the person the token names; 404 for a forged or outdated token."""
    person = feed_person(token)
    if person is None:
        raise Http404
    response = HttpResponse(
        feed_ical(deadlines_of(person)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="concord-deadlines.ics"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response
