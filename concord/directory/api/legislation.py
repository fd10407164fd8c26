"""Implementing legislation, as JSON: by party and provision, in full text, and the gaps."""

from ninja import Router

router = Router(tags=["directory"])
