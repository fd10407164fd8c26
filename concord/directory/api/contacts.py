"""Focal points and central authorities, as JSON: how to reach them is for members only."""

from ninja import Router

router = Router(tags=["directory"])
