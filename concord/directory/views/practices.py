"""Best practices: the list and one practice."""

from django.http import Http404


def practice_list(request, **kwargs):
    raise Http404


def practice_detail(request, **kwargs):
    raise Http404
