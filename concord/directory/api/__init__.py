"""The directory API under ``/api/directory/``: one router per family, mounted together."""

from ninja import Router

from concord.directory.api import contacts, legislation, meetings, practices

router = Router()
for family in (contacts, legislation, meetings, practices):
    router.add_router("", family.router)
