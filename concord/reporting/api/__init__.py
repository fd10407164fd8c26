"""The reporting API: one router per family of operations, mounted together under ``/api/``."""

from ninja import Router

from concord.reporting.api import cycles, notices, offline, plans, progress, reviews

router = Router()
for family in (cycles, reviews, plans, progress, offline, notices):
    router.add_router("", family.router)
