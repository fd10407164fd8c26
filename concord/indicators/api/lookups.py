"""Finding what a request names (an indicator, a party, group or body, a period) or saying why not.

An unknown indicator, subject or period in the path is a 404; a query parameter that cannot be
read is a 422 naming it.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError

from concord.accounts.auth import session_auth, token_auth
from concord.api_errors import unprocessable
from concord.indicators.models import Indicator, Period
from concord.indicators.periods import Span, parse
from concord.registry.models import Body, Group, Party


def anyone(request: HttpRequest) -> bool:
    """Let anyone read; a caller neither token nor session vouched for reads as the public."""
    request.user = AnonymousUser()
    return True


# A token or an accepted session makes the reader a person (who may see more); else the public.
READERS = [token_auth, session_auth, anyone]


def query_field(field: str) -> list[str]:
    return ["query", field]


def refused_query(exc: DjangoValidationError) -> ValidationError:
    return unprocessable(exc, location=query_field)


def indicator_or_404(code: str) -> Indicator:
    indicator = (
        Indicator.objects.select_related("instrument__body", "responsible_body")
        .filter(code=code)
        .first()
    )
    if indicator is None:
        raise HttpError(404, _("No indicator with code %(code)s.") % {"code": code})
    return indicator


def subject_or_404(text: str) -> dict[str, Any]:
    """Read ``VNM``, ``group:asean-6`` or ``body:fao`` as the keyword value_put takes."""
    kind, _colon, code = text.rpartition(":")
    if kind == "group":
        found = Group.objects.filter(slug=code).first()
        missing = _("No group with slug %(code)s.")
    elif kind == "body":
        found = Body.objects.filter(code=code).first()
        missing = _("No body with code %(code)s.")
    elif kind in ("", "party"):
        kind = "party"
        found = Party.objects.filter(code__iexact=code).first()
        missing = _("No party with code %(code)s.")
    else:
        found = None
        missing = _("%(code)s is not a party's code, group:<slug> or body:<code>.")
        code = text
    if found is None:
        raise HttpError(404, missing % {"code": code})
    return {kind: found}


def period_or_404(code: str) -> Period:
    """Return the recorded period of a code in the path."""
    try:
        span = parse(code)
    except DjangoValidationError:
        span = None
    period = Period.objects.filter(code=span.code).first() if span else None
    if period is None:
        raise HttpError(404, _("No value is given for the period %(code)s.") % {"code": code})
    return period


def span_of(code: str, field: str) -> Span:
    """Read a period code given as the query parameter ``field``; 422 naming it if unreadable."""
    try:
        return parse(code)
    except DjangoValidationError as exc:
        raise refused_query(DjangoValidationError({field: exc.messages})) from None


def party_codes(given: list[str]) -> list[str]:
    """Split ``party=VNM,tha&party=LAO`` into codes, each as given and upper-cased."""
    codes = [code.strip() for item in given for code in item.split(",") if code.strip()]
    return sorted({*codes, *(code.upper() for code in codes)})
