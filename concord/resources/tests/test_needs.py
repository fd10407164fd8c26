"""Recording needs (by the secretariat and the country's focal points), drawing them from the
published reform projects, who sees them, and matching them in the database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.models import ResultsNode
from concord.resources.contributing import (
    ContributionData,
    contribution_create,
    contribution_publish,
)
from concord.resources.matching import matches_for, uncovered_needs
from concord.resources.models import Need
from concord.resources.needs import (
    NeedData,
    contribution_need_set,
    need_create,
    need_data,
    need_update,
    needs_from_projects,
    needs_visible_to,
)
from concord.resources.tests.needs_fixtures import *  # noqa: F403  (its fixtures)

pytestmark = pytest.mark.django_db


def test_needs_are_drawn_from_published_projects_once(project, project_needs, secretariat):
    financial, technical = project_needs["financial"], project_needs["technical"]
    assert financial.country == project.party and financial.published
    assert (financial.amount, financial.currency) == (Decimal("250000"), "USD")
    assert (financial.starts_on, financial.ends_on) == (project.starts_on, project.ends_on)
    assert technical.title == "Train investigators: Trainers"  # training is technical
    rows = Need.history.count()
    again = needs_from_projects(user=secretariat)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Need.objects.count() == 2 and Need.history.count() == rows


def test_running_again_follows_the_project_and_keeps_what_the_secretariat_added(
    project, project_needs, secretariat
):
    financial = project_needs["financial"]
    data = need_data(financial)
    data.title, data.sdg_targets = "Seminars", ["16.5"]
    need_update(user=secretariat, need=financial, data=data)
    support = financial.support_need
    support.amount, support.kind = Decimal("300000"), "equipment"
    support.save()
    synced = needs_from_projects(user=secretariat)
    assert (synced.updated, synced.unchanged) == (1, 1)
    financial.refresh_from_db()
    assert (financial.amount, financial.kind) == (Decimal("300000"), "in_kind")
    assert (financial.title, financial.sdg_targets) == ("Seminars", ["16.5"])
    project.published_at = None
    project.save()
    assert needs_from_projects(user=secretariat).withdrawn == 2
    assert not Need.objects.filter(published=True).exists()


def test_a_need_of_no_project_is_left_alone_by_the_sync(secretariat, project_needs):
    alone = need_create(
        user=secretariat, data=NeedData(title="Laboratory", kind="in_kind", published=True)
    )
    needs_from_projects(user=secretariat)
    alone.refresh_from_db()
    assert alone.published


def test_a_focal_point_draws_only_their_countrys_needs(project, focal_point, other_focal_point):
    assert needs_from_projects(user=other_focal_point).created == 0
    assert needs_from_projects(user=focal_point).created == 2


def test_a_partner_may_not_draw_needs(project, partner):
    with pytest.raises(PermissionDenied):
        needs_from_projects(user=partner)


def test_a_focal_point_records_a_need_of_their_country_unpublished(focal_point, party_a):
    need = need_create(
        user=focal_point,
        data=NeedData(title="Case management software", kind="in_kind", country=party_a),
    )
    assert not need.published
    assert need.history.first().history_user == focal_point
    with pytest.raises(PermissionDenied):
        need_create(
            user=focal_point,
            data=NeedData(title="x", kind="in_kind", country=party_a, published=True),
        )


def test_the_focal_point_of_another_country_is_refused(other_focal_point, focal_point, party_a):
    with pytest.raises(PermissionDenied):
        need_create(
            user=other_focal_point, data=NeedData(title="x", kind="technical", country=party_a)
        )
    need = need_create(
        user=focal_point, data=NeedData(title="x", kind="technical", country=party_a)
    )
    with pytest.raises(PermissionDenied):
        need_update(user=other_focal_point, need=need, data=need_data(need))
    assert Need.objects.count() == 1


def test_bad_input_names_each_field_and_writes_nothing(secretariat, framework):
    framework.publication = "draft"
    framework.save()
    with pytest.raises(ValidationError) as refused:
        need_create(
            user=secretariat,
            data=NeedData(
                title=" ",
                kind="money",
                amount="-5",
                currency="XYZ",
                sdg_targets=["16.5", "18.1"],
                starts_on=dt.date(2027, 1, 1),
                ends_on=dt.date(2026, 1, 1),
            ),
        )
    errors = refused.value.message_dict
    assert set(errors) == {"title", "kind", "amount", "currency", "sdg_targets", "ends_on"}
    assert "18.1 is not an SDG target" in errors["sdg_targets"][0]
    assert not Need.objects.exists()


def test_a_result_of_a_framework_one_may_not_see_is_refused(focal_point, party_a, framework):
    framework.publication = "proposed"
    framework.save()
    with pytest.raises(ValidationError) as refused:
        need_create(
            user=focal_point,
            data=NeedData(
                title="x", kind="technical", country=party_a, nodes=[framework.nodes["A1"]]
            ),
        )
    assert "nodes" in refused.value.message_dict


def test_unpublished_needs_are_seen_by_the_secretariat_and_the_countrys_focal_points(
    hidden_need, project_needs, secretariat, other_focal_point, focal_point, partner, anonymous
):
    def seen(person):
        return hidden_need in needs_visible_to(person)

    assert seen(secretariat) and seen(other_focal_point)
    assert not seen(focal_point) and not seen(partner) and not seen(anonymous)
    assert not partner.has_perm("resources.view_need", hidden_need)
    assert other_focal_point.has_perm("resources.view_need", hidden_need)
    assert needs_visible_to(anonymous).count() == 2


def test_matches_in_the_database_rank_reasons_and_flag_a_second_funder(
    project_needs,
    priorities,
    org_secretariat,
    netherlands,
    sweden,
    organization,
    modalities,
    anonymous,
):
    financial, technical = project_needs["financial"], project_needs["technical"]
    found = matches_for(financial, anonymous)
    # Sweden names no modality: it cannot cover money.
    assert [shown.priority for shown in found.matches] == [priorities["dutch"]]
    assert [code for code, _text in found.matches[0].reasons] == [
        "same_country",
        "modality",
        "dates",
    ]
    assert found.matches[0].reasons[0][1] == "Same country: France"
    tech = matches_for(technical, anonymous)
    assert [s.priority.partner for s in tech.matches] == [netherlands, sweden]
    contribution = contribution_create(
        user=org_secretariat,
        partner=sweden,
        organization=organization,
        reference="SE-FR",
        status="approved",
        on=dt.date(2026, 2, 1),
        data=ContributionData(title="Seminars", amount="100000", currency="USD"),
    )
    contribution_need_set(user=org_secretariat, contribution=contribution, need=financial)
    # Unpublished, the contribution is not shown to the public, nor is the flag it raises.
    assert not matches_for(financial, anonymous).duplicates
    seen = matches_for(financial, org_secretariat)
    assert seen.funded_by == [contribution]
    assert [s.duplicate_partners for s in seen.duplicates] == [[sweden]]
    contribution_publish(user=org_secretariat, contribution=contribution)
    assert matches_for(financial, anonymous).duplicates


def test_uncovered_needs_are_those_no_priority_covers(
    project_needs, priorities, hidden_need, secretariat
):
    assert uncovered_needs(Need.objects.order_by("pk"), secretariat) == [hidden_need]


def test_only_those_who_change_a_contribution_tie_it_to_a_need(
    project_needs, org_secretariat, dutch_partner, sweden, organization
):
    contribution = contribution_create(
        user=org_secretariat,
        partner=sweden,
        organization=organization,
        reference="SE-1",
        status="approved",
        on=dt.date(2026, 2, 1),
        data=ContributionData(title="Seminars"),
    )
    with pytest.raises(PermissionDenied):
        contribution_need_set(
            user=dutch_partner, contribution=contribution, need=project_needs["financial"]
        )
    contribution.refresh_from_db()
    assert contribution.need is None


def test_the_results_a_need_serves_are_kept_in_its_history(project, project_needs, secretariat):
    financial = project_needs["financial"]
    node = ResultsNode.objects.create(
        framework=project.instrument, seq=0, code="X", level="output", title="Result"
    )
    data = need_data(financial)
    data.nodes = [node]
    need_update(user=secretariat, need=financial, data=data)
    latest = financial.history.latest()
    assert [row.resultsnode_id for row in latest.nodes.all()] == [node.pk]
    assert latest.history_user == secretariat


def test_what_a_need_draws_from_its_project_is_changed_on_the_project(
    project, project_needs, secretariat
):
    financial = project_needs["financial"]
    rows = Need.history.count()
    data = need_data(financial)
    data.amount, data.country, data.title = "300000", None, "Seminars"
    with pytest.raises(ValidationError) as refused:
        need_update(user=secretariat, need=financial, data=data)
    assert set(refused.value.message_dict) == {"amount", "country"}
    assert project.title in refused.value.message_dict["amount"][0]
    assert Need.history.count() == rows
    data = need_data(financial)
    data.amount, data.title = "250000.00", "Seminars"  # the same amount, written otherwise
    assert need_update(user=secretariat, need=financial, data=data).title == "Seminars"
