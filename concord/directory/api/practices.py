"""Best practices, as JSON."""

from ninja import Router

router = Router(tags=["directory"])
