"""Who may do what with resources: contributions, partners, modalities, exchange rates, and
which organization publishes to IATI as what.

The secretariat of the organization that receives a contribution (its body, or a body above
it, or all of Concord) records, advances, allocates and publishes it. A resource partner records
its own pledges and sees its own contributions, published or not; never another partner's
unpublished ones. Published contributions are public. ``concord.resources.visibility`` gives the
same answers as querysets.

Needs: a published need is public. The secretariat (of any scope) and the focal points of the
need's country record and change needs and see the unpublished ones; only the secretariat
publishes one. Partners never see an unpublished need.
"""

from typing import Any

import rules
from django.apps import apps

from concord.accounts.models import RoleKind
from concord.accounts.rules import is_secretariat, is_secretariat_of, roles_of


def _organization_of(record: Any) -> Any:
    Body = apps.get_model("registry", "Body")
    if isinstance(record, Body):
        return record
    if isinstance(record, apps.get_model("resources", "IatiPublisher")):
        return record.body
    return getattr(record, "organization", None)


def _partner_party_id(record: Any) -> Any:
    if hasattr(record, "partner_id"):
        return record.partner.party_id if record.partner_id else None
    return getattr(record, "party_id", None)


@rules.predicate
def is_secretariat_of_its_organization(user: Any, record: Any) -> bool:
    """Hold a secretariat role covering the organization a record goes to (any, without one)."""
    if record is None:
        return is_secretariat.test(user)
    organization = _organization_of(record)
    return organization is not None and is_secretariat_of.test(user, organization)


@rules.predicate
def is_the_partner(user: Any, record: Any) -> bool:
    """Act for the resource partner of a record (for any partner, asked without one)."""
    parties = {role.party_id for role in roles_of(user) if role.kind == RoleKind.RESOURCE_PARTNER}
    if record is None:
        return bool(parties)
    return _partner_party_id(record) in parties


@rules.predicate
def is_a_pledge(user: Any, contribution: Any) -> bool:
    """A contribution still in the pipeline and unpublished: the partner's to change."""
    if contribution is None:
        return True
    return contribution.status == "pipeline" and not contribution.published


def focal_point_party_ids(user: Any) -> set[int]:
    """The parties ``user`` serves as a national focal point of."""
    return {role.party_id for role in roles_of(user) if role.kind == RoleKind.FOCAL_POINT}


@rules.predicate
def is_focal_point_of_its_country(user: Any, need: Any) -> bool:
    """Serve as a focal point of a need's country (of any country, asked without a need)."""
    if need is None:
        return bool(focal_point_party_ids(user))
    return need.country_id is not None and need.country_id in focal_point_party_ids(user)


@rules.predicate
def is_published(user: Any, record: Any) -> bool:
    """The record is published (asked without one: not every record is)."""
    return record is not None and bool(record.published)


RESOURCE_PERMISSIONS: dict[str, rules.Predicate] = {
    "resources.add_resourcepartner": is_secretariat,
    "resources.change_resourcepartner": is_secretariat,
    "resources.add_fundingmodality": is_secretariat_of_its_organization,
    "resources.change_fundingmodality": is_secretariat_of_its_organization,
    "resources.view_contribution": is_secretariat_of_its_organization | is_the_partner,
    "resources.add_contribution": is_secretariat_of_its_organization | is_the_partner,
    "resources.change_contribution": is_secretariat_of_its_organization
    | (is_the_partner & is_a_pledge),
    "resources.publish_contribution": is_secretariat_of_its_organization,
    "resources.add_exchangerate": is_secretariat,
    "resources.add_iatipublisher": is_secretariat_of_its_organization,
    "resources.change_iatipublisher": is_secretariat_of_its_organization,
    # A partner's priorities: the secretariat, or the partner itself.
    "resources.add_priority": is_secretariat | is_the_partner,
    "resources.view_need": is_published | is_secretariat | is_focal_point_of_its_country,
    "resources.add_need": is_secretariat | is_focal_point_of_its_country,
    "resources.change_need": is_secretariat | is_focal_point_of_its_country,
    "resources.publish_need": is_secretariat,
}
