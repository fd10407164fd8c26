"""Offline work and evidence: XLSX export and import of answers, evidence files and links."""

from ninja import Router

router = Router(tags=["reporting"])
