"""The services and selectors of reviews and recommendations, on the real database."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.tests.factories import InstrumentFactory, PartyFactory, ProvisionFactory
from concord.reporting import recommending, reviewing, services
from concord.reporting.models import (
    Recommendation,
    RecommendationUpdate,
    Review,
    ReviewItem,
    SubmissionStatus,
)
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.reviews_fixtures import *  # noqa: F403
from concord.reporting.tests.reviews_fixtures import (
    INTERNAL_COMMENT,
    INTERNAL_REVIEW,
    PUBLIC_COMMENT,
    submit,
)

ALL = ("secretariat", "body_secretariat", "focal_point", "other_focal_point", "reviewer", "partner")


# Reviews ----------------------------------------------------------------------------------


def test_a_reviewer_reviews_a_submitted_submission_with_history(submitted, reviewer):
    review = reviewing.review_create(
        submission=submitted,
        user=reviewer,
        rating="largely",
        comment="Well argued.",
        items={"1": {"rating": "fully", "comment": "Done.", "internal": True}},
    )
    item = review.items.get()
    assert (review.author, review.rating, review.internal) == (reviewer, "largely", False)
    assert (item.question.key, item.rating, item.comment, item.internal) == (
        "1",
        "fully",
        "Done.",
        True,
    )
    assert review.history.get().history_user == reviewer
    assert item.history.get().history_user == reviewer


@pytest.mark.parametrize("name", ["focal_point", "other_focal_point", "partner", "anonymous"])
def test_only_reviewers_and_the_secretariat_review(name, submitted, request):
    with pytest.raises(PermissionDenied):
        reviewing.review_create(
            submission=submitted, user=request.getfixturevalue(name), comment="Fine."
        )
    assert not Review.objects.exists()


def test_a_reviewer_of_another_party_may_not_review(cycle, party_b, other_focal_point, reviewer):
    ukraine = submit(cycle, party_b, other_focal_point)
    with pytest.raises(PermissionDenied):
        reviewing.review_create(submission=ukraine, user=reviewer, comment="Fine.")


def test_a_draft_is_not_reviewed(cycle, party_a, focal_point, reviewer):
    draft = services.submission_get_or_start(cycle=cycle, party=party_a, user=focal_point)
    with pytest.raises(ValidationError) as caught:
        reviewing.review_create(submission=draft, user=reviewer, comment="Too early.")
    assert set(caught.value.message_dict) == {"status"}
    assert not Review.objects.exists()


def test_an_accepted_submission_is_reviewed_but_not_a_published_one(
    submitted, reviewer, body_secretariat
):
    services.submission_transition(
        submission=submitted, target=SubmissionStatus.ACCEPTED, user=body_secretariat
    )
    reviewing.review_create(submission=submitted, user=reviewer, comment="Accepted, rightly.")
    services.submission_transition(
        submission=submitted, target=SubmissionStatus.PUBLISHED, user=body_secretariat
    )
    with pytest.raises(ValidationError) as caught:
        reviewing.review_create(submission=submitted, user=reviewer, comment="Late.")
    assert "status" in caught.value.message_dict
    assert Review.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"rating": "excellent"}, {"rating"}),
        ({"comment": "bad\x00byte"}, {"comment"}),
        ({"comment": "  "}, {"comment"}),
        ({"items": {"9.9": {"comment": "?"}}}, {"items.9.9"}),
        ({"items": {"1": {"rating": "mostly"}}}, {"items.1"}),
        ({"items": {"1": {"comment": "x", "internal": "yes"}}}, {"items.1"}),
        ({"items": {"1": {"comment": "x", "colour": "red"}}}, {"items.1"}),
        ({"items": {"1": {}}}, {"items.1"}),
        ({"items": {"1": "fully"}}, {"items.1"}),
        ({"rating": "bad", "items": {"2": {"rating": "bad"}}}, {"rating", "items.2"}),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    fields, errors, submitted, reviewer
):
    with pytest.raises(ValidationError) as caught:
        reviewing.review_create(submission=submitted, user=reviewer, **fields)
    assert set(caught.value.message_dict) == errors
    assert not Review.objects.exists()
    assert not ReviewItem.objects.exists()


@pytest.mark.parametrize("name", ["secretariat", "body_secretariat", "reviewer"])
def test_the_reviewing_side_reads_every_review_and_item(name, reviewed, request):
    reviews = reviewing.reviews_visible(request.getfixturevalue(name), reviewed)
    assert [r.comment for r in reviews] == [PUBLIC_COMMENT, INTERNAL_REVIEW]
    assert [i.comment for i in reviews[0].shown_items] == ["Two laws of 2024.", INTERNAL_COMMENT]


def test_the_party_reads_the_reviews_without_their_internal_parts(reviewed, focal_point):
    reviews = reviewing.reviews_visible(focal_point, reviewed)
    assert [r.comment for r in reviews] == [PUBLIC_COMMENT]
    assert [i.question.key for i in reviews[0].shown_items] == ["1"]


@pytest.mark.parametrize("name", ["other_focal_point", "partner", "anonymous"])
def test_outsiders_read_no_review_of_an_unpublished_submission(name, reviewed, request):
    assert reviewing.reviews_visible(request.getfixturevalue(name), reviewed) == []


def test_the_public_reads_the_public_parts_once_published(reviewed, body_secretariat, anonymous):
    for target in (SubmissionStatus.ACCEPTED, SubmissionStatus.PUBLISHED):
        services.submission_transition(submission=reviewed, target=target, user=body_secretariat)
    reviewed.refresh_from_db()
    reviews = reviewing.reviews_visible(anonymous, reviewed)
    assert [r.comment for r in reviews] == [PUBLIC_COMMENT]
    assert [i.comment for i in reviews[0].shown_items] == ["Two laws of 2024."]


# Recommendations --------------------------------------------------------------------------


def test_a_reviewer_issues_a_recommendation_unpublished_with_history(recommendation, reviewer):
    assert recommendation.issued_by == reviewer
    assert recommendation.published_at is None
    assert recommendation.status == "not_started"
    assert [p.ref for p in recommendation.provisions.all()] == ["2"]
    assert recommendation.history.get().history_user == reviewer


@pytest.mark.parametrize("name", ["focal_point", "other_focal_point", "partner", "anonymous"])
def test_only_reviewers_and_the_secretariat_issue_recommendations(name, cycle, party_a, request):
    with pytest.raises(PermissionDenied):
        recommending.recommendation_issue(
            cycle=cycle, party=party_a, user=request.getfixturevalue(name), text="Do more."
        )
    assert not Recommendation.objects.exists()


def test_a_reviewer_of_france_may_not_recommend_to_ukraine(cycle, party_b, reviewer):
    with pytest.raises(PermissionDenied):
        recommending.recommendation_issue(cycle=cycle, party=party_b, user=reviewer, text="Do.")


def test_a_bad_recommendation_names_each_field_and_writes_nothing(
    cycle, secretariat, party_b, other_focal_point, reviewed
):
    ukraine_review = Review.objects.create(
        submission=submit(cycle, party_b, other_focal_point), author=secretariat, comment="x"
    )
    stranger = PartyFactory(code="BRA", name="Brazil")
    foreign = ProvisionFactory(ref="9")
    with pytest.raises(ValidationError) as caught:
        recommending.recommendation_issue(
            cycle=cycle,
            party=stranger,
            user=secretariat,
            text="  ",
            provisions=[foreign],
            priority="urgent",
            review=ukraine_review,
        )
    assert set(caught.value.message_dict) == {"text", "party", "provisions", "priority", "review"}
    assert not Recommendation.objects.exists()


def test_the_review_must_be_of_the_same_party_and_cycle(cycle, party_a, reviewer, review):
    made = recommending.recommendation_issue(
        cycle=cycle, party=party_a, user=reviewer, text="Do.", review=review
    )
    assert made.review == review


def test_an_unpublished_recommendation_is_corrected_with_history(recommendation, reviewer):
    changed = recommending.recommendation_change(
        recommendation=recommendation,
        user=reviewer,
        text="Set up and staff an asset recovery office.",
        due_date=None,
        provisions=recommendation.cycle.instrument.provisions.filter(ref__in=["1", "2"]),
    )
    assert changed.text.startswith("Set up and staff")
    assert (changed.due_date, changed.priority) == (None, "high")
    assert sorted(p.ref for p in changed.provisions.all()) == ["1", "2"]
    assert changed.history.count() == 2
    assert changed.history.first().history_user == reviewer


def test_fields_left_out_of_a_correction_stay(recommendation, reviewer):
    changed = recommending.recommendation_change(
        recommendation=recommendation, user=reviewer, priority="low"
    )
    assert (changed.priority, changed.due_date) == ("low", dt.date(2027, 6, 30))
    assert [p.ref for p in changed.provisions.all()] == ["2"]


@pytest.mark.parametrize("name", ["focal_point", "other_focal_point", "partner"])
def test_only_the_reviewing_side_corrects(name, recommendation, request):
    with pytest.raises(PermissionDenied):
        recommending.recommendation_change(
            recommendation=recommendation, user=request.getfixturevalue(name), text="Mine."
        )


def test_a_published_recommendation_keeps_its_wording(published, body_secretariat):
    with pytest.raises(ValidationError) as caught:
        recommending.recommendation_change(
            recommendation=published, user=body_secretariat, text="Something else."
        )
    assert set(caught.value.message_dict) == {"published_at"}
    published.refresh_from_db()
    assert published.text == "Set up an asset recovery office."


@pytest.mark.parametrize("name", ["reviewer", "focal_point", "partner"])
def test_only_the_secretariat_publishes(name, recommendation, request):
    with pytest.raises(PermissionDenied):
        recommending.recommendation_publish(
            recommendation=recommendation, user=request.getfixturevalue(name)
        )
    recommendation.refresh_from_db()
    assert recommendation.published_at is None


def test_a_recommendation_is_published_once(published, body_secretariat):
    assert published.published_at is not None
    assert published.history.first().history_user == body_secretariat
    with pytest.raises(ValidationError) as caught:
        recommending.recommendation_publish(recommendation=published, user=body_secretariat)
    assert "published_at" in caught.value.message_dict


def test_the_party_follows_up_in_a_later_cycle(published, focal_point, instrument, secretariat):
    later = open_cycle(instrument, secretariat, [published.party])
    update = recommending.recommendation_follow_up(
        recommendation=published,
        user=focal_point,
        status="in_progress",
        response="The office opens in May.",
        cycle=later,
    )
    published.refresh_from_db()
    assert (published.status, published.response) == ("in_progress", "The office opens in May.")
    assert (update.cycle, update.author) == (later, focal_point)
    assert update.history.get().history_user == focal_point
    assert published.history.first().history_user == focal_point


@pytest.mark.parametrize("name", ["reviewer", "other_focal_point", "partner", "anonymous"])
def test_only_the_party_and_the_secretariat_follow_up(name, published, request):
    with pytest.raises(PermissionDenied):
        recommending.recommendation_follow_up(
            recommendation=published, user=request.getfixturevalue(name), status="implemented"
        )
    assert not RecommendationUpdate.objects.exists()


def test_a_bad_follow_up_names_each_field_and_writes_nothing(published, focal_point, secretariat):
    elsewhere = InstrumentFactory()
    other_cycle = open_cycle(elsewhere, secretariat, [published.party])
    with pytest.raises(ValidationError) as caught:
        recommending.recommendation_follow_up(
            recommendation=published,
            user=focal_point,
            status="done",
            response="x\x00",
            cycle=other_cycle,
        )
    assert set(caught.value.message_dict) == {"status", "response", "cycle"}
    assert not RecommendationUpdate.objects.exists()
    published.refresh_from_db()
    assert published.status == "not_started"


@pytest.fixture
def many_recommendations(published, ukraine_recommendation, secretariat, party_a):
    """Besides France's published and Ukraine's unpublished ones: on other instruments."""
    hidden = InstrumentFactory(publication="in_review")
    hidden_cycle = open_cycle(hidden, secretariat, [party_a])
    on_hidden = recommending.recommendation_issue(
        cycle=hidden_cycle, party=party_a, user=secretariat, text="Published, instrument not."
    )
    recommending.recommendation_publish(recommendation=on_hidden, user=secretariat)
    other_cycle = open_cycle(InstrumentFactory(), secretariat, [party_a])
    recommending.recommendation_issue(
        cycle=other_cycle, party=party_a, user=secretariat, text="Another body's draft."
    )
    return Recommendation.objects.all()


@pytest.mark.parametrize("name", [*ALL, "anonymous"])
def test_the_visible_recommendations_are_exactly_those_the_rules_let_one_see(
    name, many_recommendations, request
):
    user = request.getfixturevalue(name)
    expected = {
        r.pk
        for r in many_recommendations
        if (r.is_published and r.cycle.instrument.publication == "published")
        or user.has_perm("reporting.view_recommendation", r)
    }
    assert set(recommending.recommendations_visible(user).values_list("pk", flat=True)) == expected


def test_the_public_sees_only_published_recommendations_of_published_instruments(
    many_recommendations, anonymous, published
):
    assert list(recommending.recommendations_visible(anonymous)) == [published]


def test_the_visible_recommendations_are_read_in_one_query(
    many_recommendations, focal_point, django_assert_num_queries
):
    recommending.recommendations_visible(focal_point)  # loads the roles once
    with django_assert_num_queries(1):
        list(recommending.recommendations_visible(focal_point))
