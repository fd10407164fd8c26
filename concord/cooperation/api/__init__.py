"""The cooperation API under ``/api/cooperation/``: one router per family, mounted together."""

from ninja import Router

from concord.cooperation.api import persons, replies, requests, statistics

router = Router(tags=["cooperation"])
for family in (requests, replies, persons, statistics):
    router.add_router("", family.router)
