"""Meetings of bodies, as JSON."""

from ninja import Router

router = Router(tags=["directory"])
