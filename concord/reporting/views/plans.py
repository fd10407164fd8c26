"""A party's implementation plan and its reform projects."""

from django.http import Http404


def party_plan(request, **kwargs):
    raise Http404


def project_detail(request, **kwargs):
    raise Http404
