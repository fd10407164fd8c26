"""IATI 2.03 exports: the activity file and the organisation file of published contributions.

Both hold published data only, whoever asks (``concord.resources.iati.exporting`` says why).
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from concord.resources.iati.exporting import (
    NothingToExport,
    activities_xml,
    contributions_to_export,
    organisation_xml,
)
from concord.resources.iati.schema import IatiInvalid

router = Router(tags=["iati"])
logger = logging.getLogger("concord.resources.iati")
CONTENT_TYPE = "application/xml; charset=utf-8"


def _xml(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{name}.xml"'
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _refused(error: IatiInvalid) -> HttpError:
    logger.error("An IATI export was refused: %s", error)
    return HttpError(
        500,
        _("The stored data would make an invalid IATI file, so none is given: %(problems)s")
        % {"problems": error},
    )


@router.get(
    "/iati/activities.xml",
    auth=None,
    summary="IATI activity file",
    description="The published contributions as an IATI 2.03 activity file, valid against the "
    "IATI schema, every code checked against its codelist. Filters: `partner` (a party's "
    "code), `country` (ISO 3166-1 alpha-3), `modality` (a modality's code, its windows "
    "included), `organization` (a body's code). 404 when nothing matches.",
    response={200: None, 404: dict, 500: dict},
)
def activities(
    request: HttpRequest,
    partner: str = "",
    country: str = "",
    modality: str = "",
    organization: str = "",
) -> HttpResponse:
    contributions = contributions_to_export(
        partner=partner, country=country, modality=modality, organization=organization
    )
    try:
        data = activities_xml(contributions, base_url=_base_url(request))
    except NothingToExport as error:
        raise HttpError(404, str(error)) from None
    except IatiInvalid as error:
        raise _refused(error) from None
    return _xml(data, "activities")


@router.get(
    "/iati/organisation.xml",
    auth=None,
    summary="IATI organisation file",
    description="Each organization that publishes to IATI, with its total expenditure per "
    "period and currency from published contributions, as an IATI 2.03 organisation file. "
    "`organization` (a body's code) gives one.",
    response={200: None, 404: dict, 500: dict},
)
def organisation(request: HttpRequest, organization: str = "") -> HttpResponse:
    try:
        data = organisation_xml(organization=organization)
    except NothingToExport as error:
        raise HttpError(404, str(error)) from None
    except IatiInvalid as error:
        raise _refused(error) from None
    return _xml(data, "organisation")
