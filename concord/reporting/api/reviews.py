"""Reviews of submissions and the recommendations they issue, with the parties' follow-up."""

from ninja import Router

router = Router(tags=["reporting"])
