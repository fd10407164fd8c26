"""Each person's reporting work: open cycles, deadlines, drafts, returned items, recommendations."""

from django.http import Http404


def dashboard(request, **kwargs):
    raise Http404
