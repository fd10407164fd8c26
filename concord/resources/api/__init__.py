"""Resources as JSON (and CSV and IATI XML): partners, modalities, contributions, funding."""

from ninja import Router

from concord.resources.api import contributions, funding, iati, needs, partners

router = Router()
for family in (partners, contributions, funding, iati, needs):
    router.add_router("", family.router)
