"""The JSON API under ``/api/``: each app contributes its router here."""

import logging

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from concord.accounts.api import router as accounts_router
from concord.audit.api import router as audit_router
from concord.cooperation.api import router as cooperation_router
from concord.directory.api import router as directory_router
from concord.indicators.api import router as indicators_router
from concord.registry.api import router as registry_router
from concord.reporting.api import router as reporting_router
from concord.resources.api import router as resources_router
from concord.search.api import router as search_router

logger = logging.getLogger("concord.api")

api = NinjaAPI(
    title="Concord API",
    version="1",
    description="Read-only access to the registry of instruments, provisions, parties, "
    "participation and statements. Lists are paginated as {items, count}.",
    urls_namespace="api",
)
api.add_router("", registry_router)
api.add_router("", search_router)
api.add_router("", accounts_router)
api.add_router("", audit_router)
api.add_router("", reporting_router)
api.add_router("/directory", directory_router)
api.add_router("/cooperation", cooperation_router)
api.add_router("/indicators", indicators_router)
api.add_router("", resources_router)


@api.exception_handler(Exception)
def unexpected_error(request: HttpRequest, exc: Exception):
    """Answer JSON, not an HTML page, when something breaks, and log it for the operators."""
    logger.exception("Unexpected error answering %s", request.path)
    return api.create_response(
        request, {"detail": _("Something went wrong on our side; it has been logged.")}, status=500
    )
