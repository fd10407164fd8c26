"""Each person's deadlines as an iCalendar feed, at a private address shown on their page."""

from django.http import Http404


def calendar(request, **kwargs):
    raise Http404


def calendar_feed(request, **kwargs):
    raise Http404
