"""Planned actions and reform projects: the services and the selectors, on the real database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting import planning, projects
from concord.reporting.models import (
    PlanAction,
    ProjectReview,
    Recommendation,
    ReformProject,
    ReportingCycle,
    SupportNeed,
)
from concord.reporting.tests.plans_fixtures import *  # noqa: F403
from concord.reporting.tests.plans_fixtures import (
    action_content,
    make_action,
    make_project,
    project_content,
)

SUPPORT = projects.SupportNeedSpec
OUTSIDERS = ("other_focal_point", "partner", "anonymous")
INSIDERS = ("focal_point", "reviewer", "secretariat", "body_secretariat")


def test_a_focal_point_plans_an_action_answering_two_recommendations(
    focal_point, party_a, instrument, recommendations
):
    action = make_action(
        focal_point,
        party_a,
        instrument,
        recommendations=[recommendations["laws"], recommendations["office"]],
        provisions=list(instrument.provisions.filter(ref__in=["1", "2"])),
    )
    assert not action.is_published
    assert set(action.recommendations.all()) == {recommendations["laws"], recommendations["office"]}
    assert [p.ref for p in action.provisions.order_by("seq")] == ["1", "2"]
    assert action.history.get().history_user == focal_point


def test_one_recommendation_may_be_answered_by_two_actions(
    focal_point, party_a, instrument, recommendations
):
    laws = recommendations["laws"]
    make_action(focal_point, party_a, instrument, title="Draft the bill", recommendations=[laws])
    make_action(focal_point, party_a, instrument, title="Train judges", recommendations=[laws])
    assert sorted(laws.actions.values_list("title", flat=True)) == [
        "Draft the bill",
        "Train judges",
    ]


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat", "partner"])
def test_only_the_partys_focal_points_plan_its_actions(persona, request, party_a, instrument):
    person = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        make_action(person, party_a, instrument)
    with pytest.raises(PermissionDenied):
        make_project(person, party_a, instrument)
    assert not PlanAction.objects.exists() and not ReformProject.objects.exists()


def test_a_recommendation_to_another_party_is_refused(
    focal_point, party_a, instrument, recommendations
):
    with pytest.raises(ValidationError) as caught:
        make_action(focal_point, party_a, instrument, recommendations=[recommendations["ukraine"]])
    assert "recommendations" in caught.value.message_dict
    assert not PlanAction.objects.exists()


def test_a_recommendation_of_another_instruments_cycle_is_refused(
    focal_point, party_a, instrument, cycle, secretariat
):
    other = ReportingCycle.objects.create(
        instrument=InstrumentFactory(),
        name="Elsewhere",
        phase="stocktaking",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        opens_on=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 3, 1),
    )
    foreign = Recommendation.objects.create(
        cycle=other, party=party_a, text="Elsewhere", issued_by=secretariat
    )
    with pytest.raises(ValidationError) as caught:
        make_action(focal_point, party_a, instrument, recommendations=[foreign])
    assert "recommendations" in caught.value.message_dict


def test_provisions_of_another_instrument_are_refused(focal_point, party_a, instrument):
    foreign = ProvisionFactory(ref="9")
    with pytest.raises(ValidationError) as caught:
        make_action(focal_point, party_a, instrument, provisions=[foreign])
    assert "provisions" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        make_project(focal_point, party_a, instrument, provisions=[foreign])
    assert "provisions" in caught.value.message_dict
    assert not PlanAction.objects.exists() and not ReformProject.objects.exists()


def test_an_unpublished_instrument_is_refused(focal_point, party_a, unpublished_instrument):
    with pytest.raises(ValidationError) as caught:
        make_action(focal_point, party_a, unpublished_instrument)
    assert "instrument" in caught.value.message_dict


def test_updating_an_action_replaces_what_it_says_and_keeps_history(
    draft_action, focal_point, recommendations
):
    updated = planning.action_update(
        action=draft_action,
        user=focal_point,
        content=action_content(status="in_progress", recommendations=[recommendations["draft"]]),
    )
    assert (updated.status, list(updated.recommendations.all())) == (
        "in_progress",
        [recommendations["draft"]],
    )
    assert draft_action.history.count() == 2


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat"])
def test_others_cannot_change_or_publish_an_action(persona, request, draft_action):
    person = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        planning.action_update(action=draft_action, user=person, content=action_content())
    with pytest.raises(PermissionDenied):
        planning.action_publish(action=draft_action, user=person)


def test_a_bad_status_is_refused_and_nothing_changes(draft_action, focal_point):
    with pytest.raises(ValidationError) as caught:
        planning.action_update(
            action=draft_action, user=focal_point, content=action_content(status="abandoned")
        )
    assert "status" in caught.value.message_dict
    draft_action.refresh_from_db()
    assert draft_action.status == "planned" and draft_action.history.count() == 1


def test_publishing_twice_is_refused(draft_action, draft_project, focal_point):
    planning.action_publish(action=draft_action, user=focal_point)
    with pytest.raises(ValidationError) as caught:
        planning.action_publish(action=draft_action, user=focal_point)
    assert "published_at" in caught.value.message_dict
    projects.project_publish(project=draft_project, user=focal_point)
    with pytest.raises(ValidationError):
        projects.project_publish(project=draft_project, user=focal_point)


@pytest.mark.parametrize("persona", INSIDERS + OUTSIDERS)
def test_drafts_are_seen_only_by_the_partys_people(
    persona, request, draft_action, published_action, draft_project, published_project
):
    person = request.getfixturevalue(persona)
    sees_drafts = persona in INSIDERS
    actions = set(planning.actions_visible(person))
    assert actions == ({draft_action, published_action} if sees_drafts else {published_action})
    projects_seen = set(planning.projects_visible(person))
    assert projects_seen == (
        {draft_project, published_project} if sees_drafts else {published_project}
    )


def test_a_secretariat_of_another_body_sees_no_draft(draft_action, party_a, scope_body):
    from concord.conftest import make_person
    from concord.registry.tests.factories import BodyFactory

    elsewhere = make_person("other-secretariat", ("secretariat", BodyFactory()))
    assert not planning.actions_visible(elsewhere).exists()


def test_records_under_an_unpublished_instrument_are_its_secretariats_alone(
    published_action, anonymous, focal_point, reviewer, body_secretariat
):
    """The party's people cannot open the instrument's cycles, so they do not see these either."""
    published_action.instrument.publication = "in_review"
    published_action.instrument.save()
    for person in (anonymous, focal_point, reviewer):
        assert not planning.actions_visible(person).exists()
        assert not person.has_perm("reporting.view_planaction", published_action)
    assert planning.actions_visible(body_secretariat).get() == published_action
    assert body_secretariat.has_perm("reporting.view_planaction", published_action)


def test_the_public_sees_only_published_recommendations_of_an_action(
    focal_point, party_a, instrument, recommendations, anonymous
):
    make_action(
        focal_point,
        party_a,
        instrument,
        publish=True,
        recommendations=[recommendations["laws"], recommendations["draft"]],
    )
    public = planning.actions_visible(anonymous).get()
    assert list(public.recommendations.all()) == [recommendations["laws"]]
    own = planning.actions_visible(focal_point).get()
    assert len(own.recommendations.all()) == 2


def test_plan_groups_list_an_action_under_each_recommendation_and_the_rest_last(
    published_action, draft_action, focal_point, recommendations
):
    groups = planning.plan_groups(planning.actions_visible(focal_point))
    assert [(g.recommendation, g.provision and g.provision.ref) for g in groups] == [
        (recommendations["laws"], None),
        (recommendations["office"], None),
        (None, "1"),
        (None, None),
    ]
    assert [g.actions for g in groups] == [
        [published_action],
        [published_action],
        [published_action],
        [draft_action],
    ]


# Reform projects ----------------------------------------------------------------------------


def test_a_focal_point_proposes_a_project_with_the_support_it_needs(
    focal_point, party_a, instrument
):
    project = make_project(focal_point, party_a, instrument)
    needs = list(project.support_needs.values_list("kind", "amount", "currency"))
    assert needs == [
        ("financial", Decimal("150000.00"), "USD"),
        ("financial", Decimal("20000.50"), "USD"),
        ("technical", Decimal("30000.00"), "EUR"),
        ("training", None, ""),
    ]
    assert project.history.get().history_user == focal_point
    assert SupportNeed.history.filter(history_user=focal_point).count() == 4


def test_support_needs_given_replace_the_stored_ones_and_left_out_stay(draft_project, focal_point):
    projects.project_update(
        project=draft_project,
        user=focal_point,
        content=project_content(support_needs=[SUPPORT("equipment", "Servers", 5000, "usd")]),
    )
    assert list(draft_project.support_needs.values_list("kind", "currency")) == [
        ("equipment", "USD")
    ]
    assert SupportNeed.history.filter(history_type="-", history_user=focal_point).count() == 4
    projects.project_update(
        project=draft_project, user=focal_point, content=project_content(support_needs=None)
    )
    assert draft_project.support_needs.count() == 1


@pytest.mark.parametrize(
    ("need", "field"),
    [
        (SUPPORT("financial", amount=Decimal(10), currency="ZZZ"), "support_needs.1.currency"),
        (SUPPORT("financial", amount=Decimal(10), currency="EURO"), "support_needs.1.currency"),
        (SUPPORT("financial", amount=Decimal(10)), "support_needs.1.currency"),
        (SUPPORT("financial", amount=Decimal(-1), currency="EUR"), "support_needs.1.amount"),
        (SUPPORT("money"), "support_needs.1.kind"),
    ],
)
def test_a_bad_support_need_is_refused_naming_it_and_nothing_is_written(
    need, field, focal_point, party_a, instrument
):
    with pytest.raises(ValidationError) as caught:
        make_project(focal_point, party_a, instrument, support_needs=[SUPPORT("training"), need])
    assert field in caught.value.message_dict
    assert not ReformProject.objects.exists() and not SupportNeed.objects.exists()


def test_a_project_cannot_end_before_it_starts(focal_point, party_a, instrument):
    with pytest.raises(ValidationError) as caught:
        make_project(
            focal_point,
            party_a,
            instrument,
            starts_on=dt.date(2027, 1, 1),
            ends_on=dt.date(2026, 1, 1),
        )
    assert "ends_on" in caught.value.message_dict
    assert not ReformProject.objects.exists()


def review(project, user, stage="midterm", reviewed_on=dt.date(2026, 12, 1)) -> ProjectReview:
    return projects.project_review(
        project=project,
        user=user,
        stage=stage,
        assessment="On track; training behind schedule.",
        reviewed_on=reviewed_on,
        rating="partially",
    )


@pytest.mark.parametrize("persona", ["reviewer", "secretariat", "body_secretariat"])
def test_the_steering_group_reviews_a_published_project_once_per_stage(
    persona, request, published_project
):
    person = request.getfixturevalue(persona)
    midterm = review(published_project, person)
    assert midterm.history.get().history_user == person
    with pytest.raises(ValidationError) as caught:
        review(published_project, person)
    assert "stage" in caught.value.message_dict
    review(published_project, person, stage="final", reviewed_on=dt.date(2028, 1, 15))
    assert published_project.reviews.count() == 2


@pytest.mark.parametrize("persona", ["focal_point", "other_focal_point", "partner"])
def test_others_do_not_review_projects(persona, request, published_project):
    with pytest.raises(PermissionDenied):
        review(published_project, request.getfixturevalue(persona))
    assert not ProjectReview.objects.exists()


def test_only_a_published_project_is_reviewed(draft_project, reviewer):
    with pytest.raises(ValidationError) as caught:
        review(draft_project, reviewer)
    assert "project" in caught.value.message_dict


def test_a_review_cannot_come_before_the_project_starts(published_project, reviewer):
    with pytest.raises(ValidationError) as caught:
        review(published_project, reviewer, reviewed_on=dt.date(2025, 12, 31))
    assert "reviewed_on" in caught.value.message_dict
    assert not ProjectReview.objects.exists()


def test_support_totals_sum_by_kind_and_currency():
    needs = [
        SupportNeed(kind="technical", amount=Decimal("5"), currency="EUR"),
        SupportNeed(kind="financial", amount=Decimal("1.50"), currency="USD"),
        SupportNeed(kind="financial", amount=Decimal("2"), currency="USD"),
        SupportNeed(kind="financial", amount=Decimal("7"), currency="EUR"),
        SupportNeed(kind="training"),
    ]
    totals = [(t.kind, t.currency, t.amount, t.needs) for t in projects.support_totals(needs)]
    assert totals == [
        ("financial", "EUR", Decimal("7"), 1),
        ("financial", "USD", Decimal("3.50"), 2),
        ("technical", "EUR", Decimal("5"), 1),
        ("training", "", None, 1),
    ]


@pytest.mark.parametrize(
    ("code", "real"), [("USD", True), ("EUR", True), ("XOF", True), ("ZZZ", False), ("usd", False)]
)
def test_currencies_are_iso_4217_codes(code, real):
    assert projects.is_currency(code) is real
