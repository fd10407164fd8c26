"""Recording what countries and projects need from outside, and who may see it.

The secretariat (of any scope) and the focal points of the need's country record and change a
need; only the secretariat publishes one. A published need is public; an unpublished one is seen
by the secretariat and the country's focal points only, never by a partner
(``resources.view_need``; ``needs_visible_to`` answers the same for many).

``needs_from_projects`` records a need for each support need of a published reform project, and
keeps it in step when run again: the project's party is the need's country, its dates the
need's, and the support need's kind, amount, currency and description the need's. What the
secretariat adds (results served, SDG targets, title) is left as it is; the facts drawn from the
project are changed on the project, and ``need_update`` refuses to change them on the need.
Such a need is published with its project, whose support needs are public on the project's page
already, and unpublished when its project is.

Each write checks its permission, runs in one transaction, leaves its history (``_history_user``)
and refuses bad input with a ``ValidationError`` naming the field, writing nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from concord.accounts.rules import is_secretariat
from concord.accounts.rules_resources import focal_point_party_ids
from concord.accounts.selectors import instruments_open_to
from concord.indicators.entry import as_number
from concord.registry.models import Party, ResultsNode
from concord.reporting.models import ReformProject, SupportNeed
from concord.resources.iati.codelists import check_code
from concord.resources.models import Contribution, Need, NeedKind
from concord.resources.sdg import check_target

# A reform project's kinds of support, as kinds of need: training is technical assistance;
# equipment and other support are in kind (given as goods or services, not money).
SUPPORT_KINDS = {
    "financial": NeedKind.FINANCIAL,
    "technical": NeedKind.TECHNICAL,
    "training": NeedKind.TECHNICAL,
    "equipment": NeedKind.IN_KIND,
    "other": NeedKind.IN_KIND,
}


def needs_visible_to(user: Any) -> QuerySet[Need]:
    """The needs ``user`` may see: published ones, and unpublished ones of their countries."""
    if is_secretariat.test(user):
        return Need.objects.all()
    countries = focal_point_party_ids(user)
    condition = Q(published=True)
    if countries:
        condition |= Q(country_id__in=countries)
    return Need.objects.filter(condition)


@dataclass
class NeedData:
    """What a person gives to record or change a need."""

    title: str = ""
    kind: str = ""
    country: Party | None = None
    description: str = ""
    amount: Any = None
    currency: str = ""
    nodes: list[ResultsNode] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    starts_on: date | None = None
    ends_on: date | None = None
    source: str = ""
    illustrative: bool = False
    published: bool = False


def _checked(user: Any, need: Need, data: NeedData) -> list[ResultsNode]:
    """Apply ``data`` to ``need`` and return its results, or refuse every bad field at once."""
    errors: dict[str, list[str]] = {}

    def refuse(exc: ValidationError) -> None:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)

    need.title = data.title.strip()
    need.kind = data.kind
    need.country = data.country
    need.description = data.description.strip()
    need.currency = (data.currency or "").strip().upper()
    need.source = data.source.strip()
    need.illustrative = data.illustrative
    need.starts_on, need.ends_on = data.starts_on, data.ends_on
    if not need.title:
        errors["title"] = [_("Give the need a title.")]
    if need.kind not in NeedKind.values:
        errors["kind"] = [
            _("%(kind)s is not a kind of need: financial, technical or in_kind.")
            % {"kind": need.kind}
        ]
    need.amount = None
    if data.amount not in (None, ""):
        try:
            need.amount = as_number(data.amount, "amount")
        except ValidationError as exc:
            refuse(exc)
        else:
            if need.amount <= 0:
                errors["amount"] = [_("An amount needed is above zero.")]
            elif not need.currency:
                errors["currency"] = [_("An amount needs its currency.")]
    if need.currency:
        try:
            check_code("Currency", need.currency, "currency")
        except ValidationError as exc:
            refuse(exc)
    if need.starts_on and need.ends_on and need.ends_on < need.starts_on:
        errors["ends_on"] = [_("A need ends on or after it starts.")]
    targets = []
    for code in data.sdg_targets:
        try:
            tidy = check_target(code)
        except ValidationError as exc:
            refuse(exc)
        else:
            if tidy not in targets:
                targets.append(tidy)
    need.sdg_targets = targets
    nodes = list({node.pk: node for node in data.nodes}.values())
    open_frameworks = (
        set(
            instruments_open_to(user)
            .filter(pk__in={node.framework_id for node in nodes})
            .values_list("pk", flat=True)
        )
        if nodes
        else set()
    )
    # A result the need has already stays, though the person may not open its framework.
    already = set(need.nodes.values_list("pk", flat=True)) if need.pk else set()
    hidden = [
        node
        for node in nodes
        if node.framework_id not in open_frameworks and node.pk not in already
    ]
    if hidden:
        errors["nodes"] = [
            _("No results-framework node with the id %(id)s.") % {"id": hidden[0].pk}
        ]
    if errors:
        raise ValidationError(errors)
    return nodes


def _check_publishing(user: Any, need: Need, published: bool) -> None:
    if published != need.published and not user.has_perm("resources.publish_need", need):
        raise PermissionDenied(_("Only the secretariat publishes a need or withdraws it."))


def need_create(*, user: Any, data: NeedData) -> Need:
    """Record a need (published only when the secretariat says so)."""
    need = Need()
    nodes = _checked(user, need, data)
    if not user.has_perm("resources.add_need", need):
        raise PermissionDenied(
            _("Only the secretariat and the country's focal points record its needs.")
        )
    _check_publishing(user, need, data.published)
    need.published = data.published
    need._history_user = user
    with transaction.atomic():
        need.save()
        need.nodes.set(nodes)
    return need


# The facts of a need drawn from a reform project, as NeedData names them.
FROM_PROJECT = ("country", "kind", "amount", "currency", "description", "starts_on", "ends_on")


def _check_project_facts_kept(need: Need, data: NeedData) -> None:
    """Refuse to change on the need what the next run of ``needs_from_projects`` would undo."""
    if need.support_need_id is None:
        return
    kept = need_data(need)
    changed = [
        name for name in FROM_PROJECT if not _same(name, getattr(kept, name), getattr(data, name))
    ]
    if changed:
        message = _("This comes from the reform project %(project)s: change it on the project.") % {
            "project": need.support_need.project.title
        }
        raise ValidationError({name: [message] for name in changed})


def _same(name: str, kept: Any, given: Any) -> bool:
    if name == "amount":
        given = None if given in (None, "") else as_number(given, "amount")
    elif name == "currency":
        given = (given or "").strip().upper()
    elif isinstance(kept, str):
        kept, given = kept.strip(), (given or "").strip()
    return kept == given


def need_update(*, user: Any, need: Need, data: NeedData) -> Need:
    """Change a need: both before (its country as it was) and after, the person may."""
    if not user.has_perm("resources.change_need", need):
        raise PermissionDenied(
            _("Only the secretariat and the country's focal points change its needs.")
        )
    with transaction.atomic():
        locked = Need.objects.select_for_update().get(pk=need.pk)
        _check_project_facts_kept(locked, data)
        nodes = _checked(user, locked, data)
        if not user.has_perm("resources.change_need", locked):
            raise PermissionDenied(_("You may not move a need to another country's."))
        _check_publishing(user, locked, data.published)
        locked.published = data.published
        locked._history_user = user
        locked.save()
        locked.nodes.set(nodes)
    return locked


def need_data(need: Need) -> NeedData:
    """What a need holds now, to change a part of it."""
    return NeedData(
        title=need.title,
        kind=need.kind,
        country=need.country,
        description=need.description,
        amount=need.amount,
        currency=need.currency,
        nodes=list(need.nodes.all()),
        sdg_targets=list(need.sdg_targets),
        starts_on=need.starts_on,
        ends_on=need.ends_on,
        source=need.source,
        illustrative=need.illustrative,
        published=need.published,
    )


@dataclass
class Synced:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0


def _from_project(support: SupportNeed) -> dict[str, Any]:
    project = support.project
    detail = support.description.strip() or support.get_kind_display()
    return {
        "country_id": project.party_id,
        "kind": SUPPORT_KINDS.get(support.kind, NeedKind.IN_KIND),
        "amount": support.amount,
        "currency": support.currency,
        "description": support.description,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "title_default": f"{project.title}: {detail}"[:500],
    }


def needs_from_projects(*, user: Any) -> Synced:
    """Record (or bring up to date) a need for each support need of a published reform project.

    The secretariat does it for every country; a focal point for their own countries' projects.
    Running it again changes only what changed in the projects.
    """
    if not user.has_perm("resources.add_need"):
        raise PermissionDenied(
            _("Only the secretariat and the country's focal points record its needs.")
        )
    projects = ReformProject.objects.filter(published_at__isnull=False)
    if not is_secretariat.test(user):
        projects = projects.filter(party_id__in=focal_point_party_ids(user))
    supports = SupportNeed.objects.filter(project__in=projects).select_related("project")
    synced = Synced()
    with transaction.atomic():
        existing = {
            need.support_need_id: need
            for need in Need.objects.select_for_update(of=("self",)).filter(
                support_need__in=supports
            )
        }
        for support in supports:
            facts = _from_project(support)
            title = facts.pop("title_default")
            need = existing.get(support.pk)
            if need is None:
                need = Need(support_need=support, title=title, published=True, **facts)
                # Stored, not shown as is: in no reader's language in particular.
                need.source = f"Reform project {support.project_id}, support need {support.pk}"
                need._history_user = user
                need.save()
                synced.created += 1
                continue
            changed = {name for name, value in facts.items() if getattr(need, name) != value}
            if not changed:
                synced.unchanged += 1
                continue
            for name in changed:
                setattr(need, name, facts[name])
            need._history_user = user
            need.save()
            synced.updated += 1
        withdrawn = Need.objects.select_for_update(of=("self",)).filter(
            support_need__isnull=False,
            support_need__project__published_at__isnull=True,
            published=True,
        )
        if not is_secretariat.test(user):
            withdrawn = withdrawn.filter(country_id__in=focal_point_party_ids(user))
        for need in withdrawn:
            need.published = False
            need._history_user = user
            need.save(update_fields=["published"])
            synced.withdrawn += 1
    return synced


def contribution_need_set(*, user: Any, contribution: Contribution, need: Need | None) -> None:
    """Say which need a contribution funds (None: none), for donor coordination."""
    if not user.has_perm("resources.change_contribution", contribution):
        raise PermissionDenied
    if need is not None and not user.has_perm("resources.view_need", need):
        raise ValidationError({"need": _("No need with the id %(id)s.") % {"id": need.pk}})
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        locked.need = need
        locked._history_user = user
        locked.save(update_fields=["need"])
    contribution.need = need
