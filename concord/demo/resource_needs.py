"""The demo's needs and matching: the needs of the published reform projects, and illustrative
priorities that the matching page ranks against them.

From the reporting example: Mongolia's reform project (published) needs legal drafting advice
and USD 250,000 for training seminars; ``needs_from_projects`` records both as needs of
Mongolia, as the ``secretariat`` account. The demo says they serve SDG target 16.5 ("Substantially
reduce corruption and bribery in all their forms"): the project amends the anti-corruption law.

Illustrative, not from a source (no real partner is shown offering what it did not offer; each
record's source says so): the "Illustrative partner" of the resources example and a "Second
illustrative partner", an illustrative trust fund of the action plan's initiative, three
priorities (Mongolia, SDG 16.5, through the fund, 2026-2027; SDG 16.5 alone; Mongolia through the
fund), a contribution of USD 100,000 of the Illustrative partner tied to the financial need, so
that the second partner's offer is flagged as funding it again (seed 000's donor coordination),
and a need with no country that no priority covers.
"""

import datetime as dt
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from concord.demo.indicator_specs import SECRETARIAT
from concord.registry.models import Body, Instrument, Party, PartyKind
from concord.resources.contributing import (
    ContributionData,
    contribution_create,
    contribution_publish,
)
from concord.resources.models import (
    Earmarking,
    FundingModality,
    Need,
    NeedKind,
    Priority,
    ResourcePartner,
)
from concord.resources.needs import (
    NeedData,
    contribution_need_set,
    need_create,
    need_data,
    need_update,
    needs_from_projects,
)

ILLUSTRATIVE = "Illustrative: a demo record no source gives."
TARGET = "16.5"
FUND = "demo-trust-fund"
PROJECT_START, PROJECT_END = dt.date(2026, 1, 1), dt.date(2027, 12, 31)


def load_needs_example(stdout: IO[str] | Any) -> bool:
    """Record the needs of the published projects and, once, the illustrative priorities."""
    user = get_user_model().objects.filter(username=SECRETARIAT).first()
    partner = ResourcePartner.objects.filter(party__code="illustrative-partner").first()
    mongolia = Party.objects.filter(code="MNG").first()
    if user is None or partner is None or mongolia is None:
        stdout.write(
            _("Needs example: skipped, the reporting and resources examples are not loaded.")
        )
        return False
    with transaction.atomic():
        synced = needs_from_projects(user=user)
        needs = list(Need.objects.filter(country=mongolia, support_need__isnull=False))
        for need in needs:
            if TARGET not in need.sdg_targets:
                data = need_data(need)
                data.sdg_targets = [*data.sdg_targets, TARGET]
                need_update(user=user, need=need, data=data)
        if Priority.objects.filter(partner=partner, source=ILLUSTRATIVE).exists():
            stdout.write(
                _(
                    "Needs example: %(created)d needs recorded from reform projects, "
                    "%(updated)d brought up to date; the illustrative priorities are there."
                )
                % {"created": synced.created, "updated": synced.updated}
            )
            return False
        financial = next((n for n in needs if n.kind == NeedKind.FINANCIAL), None)
        count = _illustrative(user, partner, mongolia, financial)
    stdout.write(
        _(
            "Needs example: %(created)d needs from Mongolia's reform project, %(priorities)d "
            "illustrative priorities, one need funded twice if offers are taken (see "
            "/resources/needs)."
        )
        % {"created": len(needs), "priorities": count}
    )
    return True


def _illustrative(user: Any, partner: ResourcePartner, mongolia: Party, financial) -> int:
    plan = Instrument.objects.filter(
        pk__in=Need.objects.filter(country=mongolia, support_need__isnull=False).values(
            "support_need__project__instrument"
        )
    ).first()
    initiative: Body | None = plan.body if plan is not None else None
    second_party = Party.objects.filter(code="illustrative-partner-2").first() or (
        Party.objects.create(
            code="illustrative-partner-2",
            name="Second illustrative partner",
            kind=PartyKind.FOUNDATION,
        )
    )
    second, _created = ResourcePartner.objects.get_or_create(
        party=second_party, defaults={"organisation_type": "60", "note": ILLUSTRATIVE}
    )
    fund = None
    if initiative is not None:
        fund, _created = FundingModality.objects.get_or_create(
            organization=initiative,
            code=FUND,
            defaults={
                "name": "Illustrative trust fund",
                "earmarking": Earmarking.EARMARKED,
                "description": ILLUSTRATIVE,
                "source": ILLUSTRATIVE,
            },
        )
    priorities = [
        Priority(
            partner=partner,
            country=mongolia,
            sdg_target=TARGET,
            modality=fund,
            starts_on=PROJECT_START,
            ends_on=PROJECT_END,
        ),
        Priority(partner=partner, sdg_target=TARGET),
        Priority(partner=second, country=mongolia, modality=fund),
    ]
    for priority in priorities:
        priority.source = ILLUSTRATIVE
        priority.illustrative = True
        priority._history_user = user
        priority.full_clean()
        priority.save()
    if financial is not None and initiative is not None:
        contribution = contribution_create(
            user=user,
            partner=partner,
            organization=initiative,
            reference="DEMO-ILL-NEED-1",
            status="approved",
            on=dt.date(2026, 3, 1),
            data=ContributionData(
                title="Illustrative contribution to Mongolia's training seminars",
                modality=fund,
                country=mongolia,
                amount="100000",
                currency="USD",
                illustrative=True,
                note=ILLUSTRATIVE,
            ),
        )
        contribution_publish(user=user, contribution=contribution)
        contribution_need_set(user=user, contribution=contribution, need=financial)
    need_create(
        user=user,
        data=NeedData(
            title="Illustrative need: equipment for a vocational training centre",
            kind=NeedKind.IN_KIND,
            description=ILLUSTRATIVE,
            sdg_targets=["4.4"],
            source=ILLUSTRATIVE,
            illustrative=True,
            published=True,
        ),
    )
    return len(priorities)
