"""Implementing legislation: the list and search, one law, the gaps, and the forms."""

from django.http import Http404


def legislation_list(request, **kwargs):
    raise Http404


def legislation_detail(request, **kwargs):
    raise Http404


def legislation_new(request, **kwargs):
    raise Http404


def legislation_edit(request, **kwargs):
    raise Http404


def gaps(request, **kwargs):
    raise Http404
