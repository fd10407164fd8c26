"""Reporting cycles: the public list and page, and the secretariat's status of every submission."""

from django.http import Http404


def cycle_list(request, **kwargs):
    raise Http404


def cycle_detail(request, **kwargs):
    raise Http404


def cycle_status(request, **kwargs):
    raise Http404
