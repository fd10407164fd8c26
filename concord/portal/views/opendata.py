from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from concord.portal import opendata
from concord.portal.views.pages import page


def data(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "portal/data.html",
        {
            "tables": opendata.TABLES.values(),
            "formats": opendata.FORMATS,
            "licence": opendata.licence(),
            "licence_url": opendata.licence_url(),
        },
        section="data",
    )


def download(request: HttpRequest, table: str, fmt: str) -> HttpResponseBase:
    if table not in opendata.TABLES or fmt not in opendata.FORMATS:
        raise Http404
    chosen = opendata.TABLES[table]
    produced = timezone.now().replace(microsecond=0)
    source = request.build_absolute_uri(reverse("portal:data"))
    content_type = opendata.FORMATS[fmt]
    if fmt == "csv":
        response = StreamingHttpResponse(opendata.write_csv(chosen), content_type=content_type)
    elif fmt == "json":
        response = StreamingHttpResponse(
            opendata.write_json(chosen, produced, source), content_type=content_type
        )
    else:
        response = HttpResponse(
            opendata.write_xlsx(chosen, produced, source), content_type=content_type
        )
    name = opendata.file_name(chosen, fmt, produced)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Language"] = "en"
    response["Last-Modified"] = http_date(produced.timestamp())
    response["Link"] = f'<{opendata.licence_url()}>; rel="license", <{source}>; rel="describedby"'
    response["X-Licence"] = opendata.licence()
    return response
