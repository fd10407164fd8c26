"""Meetings of bodies: the list by body and year, and one meeting."""

from django.http import Http404


def meeting_list(request, **kwargs):
    raise Http404


def meeting_detail(request, **kwargs):
    raise Http404
