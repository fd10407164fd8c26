"""A party's submission: read it, edit its answers, and move it along its lifecycle."""

from django.http import Http404


def submission_detail(request, **kwargs):
    raise Http404


def submission_edit(request, **kwargs):
    raise Http404


def submission_step(request, **kwargs):
    raise Http404
