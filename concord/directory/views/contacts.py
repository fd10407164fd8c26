"""Focal points and central authorities: the public list, and the forms that keep it current."""

from django.http import Http404


def contact_list(request, **kwargs):
    raise Http404


def contact_new(request, **kwargs):
    raise Http404


def contact_edit(request, **kwargs):
    raise Http404
