"""Offline work and evidence: the XLSX questionnaire and its import, evidence files and links."""

from django.http import Http404


def submission_xlsx(request, **kwargs):
    raise Http404


def submission_import(request, **kwargs):
    raise Http404


def evidence_add(request, **kwargs):
    raise Http404


def evidence_download(request, **kwargs):
    raise Http404


def evidence_delete(request, **kwargs):
    raise Http404
