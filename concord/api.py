"""The JSON API under ``/api/``: each app contributes its router here."""

from ninja import NinjaAPI

from concord.registry.api import router as registry_router
from concord.search.api import router as search_router

api = NinjaAPI(
    title="Concord API",
    version="1",
    description="Read-only access to the registry of instruments, provisions, parties, "
    "participation and statements. Lists are paginated as {items, count}.",
    urls_namespace="api",
)
api.add_router("", registry_router)
api.add_router("", search_router)
