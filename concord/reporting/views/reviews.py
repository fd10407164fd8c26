"""Reviewing a submission, and recommendations: the list, one with its follow-up, the response."""

from django.http import Http404


def recommendation_list(request, **kwargs):
    raise Http404


def recommendation_detail(request, **kwargs):
    raise Http404


def follow_up(request, **kwargs):
    raise Http404


def review_add(request, **kwargs):
    raise Http404
