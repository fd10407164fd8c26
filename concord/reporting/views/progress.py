"""The progress matrix (parties x provisions for a cycle) and a party's scorecard."""

from django.http import Http404


def progress_matrix(request, **kwargs):
    raise Http404


def scorecard(request, **kwargs):
    raise Http404
