"""Registering resource partners, their funding priorities, and exchange rates.

Each write checks its permission, runs in one transaction, leaves its history and refuses bad
input naming the field, writing nothing. Any secretariat registers partners and records rates
(they are shared by every organization); a priority is recorded by the secretariat or by the
partner itself, naming only results of frameworks the person may open.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concord.accounts.selectors import instruments_open_to
from concord.indicators.entry import as_number
from concord.registry.models import Party, ResultsNode
from concord.resources.iati.codelists import check_code
from concord.resources.models import ExchangeRate, FundingModality, Priority, ResourcePartner
from concord.resources.sdg import check_target


def partner_register(
    *, user: Any, party: Party, organisation_type: str, iati_identifier: str = "", note: str = ""
) -> ResourcePartner:
    if not user.has_perm("resources.add_resourcepartner"):
        raise PermissionDenied
    if ResourcePartner.objects.filter(party=party).exists():
        raise ValidationError(
            {"party": _("%(name)s is a resource partner already.") % {"name": party.name}}
        )
    check_code("OrganisationType", organisation_type, "organisation_type")
    partner = ResourcePartner(
        party=party,
        organisation_type=organisation_type,
        iati_identifier=iati_identifier.strip(),
        note=note,
    )
    partner._history_user = user
    with transaction.atomic():
        partner.save()
    return partner


def priority_add(
    *,
    user: Any,
    partner: ResourcePartner,
    node: ResultsNode | None = None,
    sdg_target: str = "",
    country: Party | None = None,
    modality: FundingModality | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    source: str = "",
) -> Priority:
    """Record what a partner prefers to fund: a result, an SDG target, a country, a modality."""
    if not user.has_perm("resources.add_priority", partner):
        raise PermissionDenied
    if node is not None and not instruments_open_to(user).filter(pk=node.framework_id).exists():
        raise ValidationError({"node": _("No result you may see has this id.")})
    priority = Priority(
        partner=partner,
        node=node,
        sdg_target=check_target(sdg_target, "sdg_target") if sdg_target else "",
        country=country,
        modality=modality,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
    )
    priority.full_clean(exclude=["partner", "node", "provision", "country", "modality"])
    priority._history_user = user
    with transaction.atomic():
        priority.save()
    return priority


def rate_put(
    *, user: Any, currency: str, on: date, rate: Any, source: str, base: str = "USD"
) -> ExchangeRate:
    """Record (or correct) how many units of ``base`` one unit of ``currency`` was worth."""
    if not user.has_perm("resources.add_exchangerate"):
        raise PermissionDenied
    currency, base = currency.strip().upper(), base.strip().upper()
    check_code("Currency", currency, "currency")
    check_code("Currency", base, "base")
    if currency == base:
        raise ValidationError({"base": _("A rate is between two different currencies.")})
    value = as_number(rate, "rate")
    if value <= Decimal(0):
        raise ValidationError({"rate": _("A rate is above zero.")})
    if not source.strip():
        raise ValidationError({"source": _("Say where the rate comes from.")})
    with transaction.atomic():
        found = ExchangeRate.objects.filter(currency=currency, base=base, on=on).first()
        exchange = found or ExchangeRate(currency=currency, base=base, on=on)
        exchange.rate, exchange.source = value, source.strip()
        exchange._history_user = user
        exchange.save()
    return exchange
