from django.contrib import admin
from django.urls import include, path

from concord.api import api
from concord.health import health

urlpatterns = [
    path("health", health, name="health"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("concord.accounts.urls")),
    path("audit/", include("concord.audit.urls")),
    path("ingestion/", include("concord.ingestion.urls")),
    path("reporting/", include("concord.reporting.urls")),
    path("directory/", include("concord.directory.urls")),
    path("cooperation/", include("concord.cooperation.urls")),
    path("indicators/", include("concord.indicators.urls")),
    path("resources/", include("concord.resources.urls")),
    path("", include("concord.portal.urls")),
]
