"""The pages of reviews and recommendations, through the real HTTP stack, as each persona."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.registry.tests.factories import InstrumentFactory
from concord.reporting import recommending, reviewing, services
from concord.reporting.models import RecommendationUpdate, Review
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.reviews_fixtures import *  # noqa: F403
from concord.reporting.tests.reviews_fixtures import (
    INTERNAL_COMMENT,
    INTERNAL_REVIEW,
    PUBLIC_COMMENT,
    submit,
)

LOGIN = reverse("accounts:login")


def person(request, name):
    return request.getfixturevalue(name)


def texts(response) -> str:
    return response.content.decode()


# Reviewing a submission -------------------------------------------------------------------


@pytest.fixture
def review_url(cycle) -> str:
    return reverse("reporting:review_add", args=[cycle.pk, "FRA"])


def form_data(cycle, **fields) -> dict:
    """A blank review form, completed by ``fields`` (``q<question id>-comment`` ...)."""
    data = {"rating": "", "comment": ""}
    for question in cycle.questions.all():
        data[f"q{question.pk}-rating"] = ""
        data[f"q{question.pk}-comment"] = ""
    return {**data, **fields}


def question_id(cycle, key: str) -> int:
    return next(q.pk for q in cycle.questions.select_related("provision") if q.key == key)


def test_the_reviewer_gets_a_form_per_question_with_the_partys_answers(
    submitted, review_url, client_as, reviewer
):
    response = client_as(reviewer).get(review_url)
    assert response.status_code == 200
    page = texts(response)
    assert "Adopts laws." in page and "Staff in the asset recovery office" in page
    assert "Partially implemented" in page  # France's answer to provision 1
    for question in submitted.cycle.questions.all():
        assert f'for="id_q{question.pk}-comment"' in page


def test_anonymous_visitors_are_sent_to_sign_in(submitted, review_url, client_as):
    response = client_as(None).get(review_url)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("name", ["focal_point", "other_focal_point", "partner"])
def test_those_who_never_review_do_not_find_the_page(
    name, submitted, review_url, client_as, request
):
    client = client_as(person(request, name))
    assert client.get(review_url).status_code == 404
    assert client.post(review_url, form_data(submitted.cycle, comment="Mine.")).status_code == 404
    assert not Review.objects.exists()


def test_a_reviewer_of_another_party_does_not_find_its_submission(
    cycle, party_b, other_focal_point, client_as, reviewer
):
    submit(cycle, party_b, other_focal_point)
    url = reverse("reporting:review_add", args=[cycle.pk, "UKR"])
    assert client_as(reviewer).get(url).status_code == 404


def test_one_who_sees_the_submission_but_may_not_review_it_is_refused(
    submitted, review_url, client_as, party_a, party_b
):
    both = make_person("both", (RoleKind.FOCAL_POINT, party_a), (RoleKind.REVIEWER, party_b))
    assert client_as(both).get(review_url).status_code == 403


def test_a_missing_submission_is_not_found(cycle, client_as, secretariat):
    client = client_as(secretariat)
    assert client.get(reverse("reporting:review_add", args=[cycle.pk, "UKR"])).status_code == 404
    assert client.get(reverse("reporting:review_add", args=[999, "FRA"])).status_code == 404


def test_the_reviewer_saves_a_review_and_goes_back_to_the_submission(
    submitted, review_url, client_as, reviewer
):
    cycle = submitted.cycle
    first = question_id(cycle, "1")
    data = form_data(
        cycle,
        rating="largely",
        comment="Clear answers.",
        **{
            f"q{first}-rating": "fully",
            f"q{first}-comment": "Both laws in force.",
            f"q{first}-internal": "on",
        },
    )
    response = client_as(reviewer).post(review_url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:submission", args=[cycle.pk, "FRA"])
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Your review is saved."]
    review = Review.objects.get()
    assert (review.rating, review.comment, review.internal) == ("largely", "Clear answers.", False)
    assert [(i.question.key, i.rating, i.internal) for i in review.items.all()] == [
        ("1", "fully", True)
    ]
    assert review.history.get().history_user == reviewer


@pytest.mark.parametrize(
    "fields", [{"rating": "excellent", "comment": "x"}, {}, {"comment": "bad\x00byte"}]
)
def test_a_bad_review_is_shown_again_with_its_error_and_nothing_is_saved(
    fields, submitted, review_url, client_as, reviewer
):
    response = client_as(reviewer).post(review_url, form_data(submitted.cycle, **fields))
    assert response.status_code == 422
    assert 'class="error"' in texts(response)
    assert not Review.objects.exists()


def test_a_draft_is_not_offered_for_review(cycle, party_a, focal_point, client_as, reviewer):
    services.submission_get_or_start(cycle=cycle, party=party_a, user=focal_point)
    url = reverse("reporting:review_add", args=[cycle.pk, "FRA"])
    response = client_as(reviewer).get(url)
    assert response.status_code == 200
    assert "Only a submitted or accepted submission is reviewed" in texts(response)
    assert '<form class="review-form"' not in texts(response)
    posted = client_as(reviewer).post(url, form_data(cycle, comment="Too early."))
    assert posted.status_code == 422
    assert not Review.objects.exists()


def test_the_reviews_include_hides_internal_parts_from_the_party(reviewed, focal_point, reviewer):
    for_party = render_to_string(
        "reporting/reviews/_reviews.html",
        {"reviews": reviewing.reviews_visible(focal_point, reviewed)},
    )
    assert PUBLIC_COMMENT in for_party
    assert INTERNAL_COMMENT not in for_party and INTERNAL_REVIEW not in for_party
    for_reviewer = render_to_string(
        "reporting/reviews/_reviews.html",
        {"reviews": reviewing.reviews_visible(reviewer, reviewed)},
    )
    assert INTERNAL_COMMENT in for_reviewer and INTERNAL_REVIEW in for_reviewer
    assert "internal: the party and the public do not see it" in for_reviewer


# The list of recommendations ----------------------------------------------------------------

LIST = reverse("reporting:recommendation_list")


def test_the_public_list_shows_published_recommendations_only(
    published, ukraine_recommendation, client_as
):
    page = texts(client_as(None).get(LIST))
    assert published.text in page
    assert ukraine_recommendation.text not in page
    assert "1 recommendation" in page


def test_a_focal_point_sees_its_own_unpublished_recommendations_marked(
    recommendation, ukraine_recommendation, client_as, focal_point
):
    page = texts(client_as(focal_point).get(LIST))
    assert recommendation.text in page and "(not published)" in page
    assert ukraine_recommendation.text not in page


def test_the_list_filters_by_party_instrument_and_status(
    published, ukraine_recommendation, client_as, secretariat, focal_point, instrument
):
    recommending.recommendation_follow_up(
        recommendation=published, user=focal_point, status="implemented"
    )
    client = client_as(secretariat)
    by_party = texts(client.get(LIST, {"party": "UKR"}))
    assert ukraine_recommendation.text in by_party and published.text not in by_party
    by_status = texts(client.get(LIST, {"status": "implemented"}))
    assert published.text in by_status and ukraine_recommendation.text not in by_status
    by_instrument = texts(client.get(LIST, {"instrument": instrument.pk}))
    assert "2 recommendations" in by_instrument
    assert f'<option value="{instrument.pk}" selected>' in by_instrument
    ignored = client.get(LIST, {"instrument": "abc", "status": "done", "page": "x"})
    assert ignored.status_code == 200 and "2 recommendations" in texts(ignored)


def test_the_list_is_paginated_in_a_constant_number_of_queries(
    cycle, party_a, body_secretariat, client_as
):
    def publish_some(count: int) -> None:
        for n in range(count):
            made = recommending.recommendation_issue(
                cycle=cycle, party=party_a, user=body_secretariat, text=f"Recommendation {n}"
            )
            recommending.recommendation_publish(recommendation=made, user=body_secretariat)

    client = client_as(None)
    publish_some(2)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    publish_some(28)
    with CaptureQueriesContext(connection) as many:
        page = texts(client.get(LIST))
    assert len(many) == len(few)
    assert "Page 1 of 2" in page and "30 recommendations" in page
    assert "Recommendation 0" in texts(client.get(LIST, {"page": 2}))


# One recommendation -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["other_focal_point", "partner", "anonymous"])
def test_an_unpublished_recommendation_is_not_found_by_outsiders(
    name, recommendation, client_as, request
):
    url = reverse("reporting:recommendation", args=[recommendation.pk])
    assert client_as(person(request, name)).get(url).status_code == 404


@pytest.mark.parametrize("name", ["secretariat", "body_secretariat", "focal_point", "reviewer"])
def test_an_unpublished_recommendation_is_read_by_its_people(
    name, recommendation, client_as, request
):
    url = reverse("reporting:recommendation", args=[recommendation.pk])
    response = client_as(person(request, name)).get(url)
    assert response.status_code == 200
    assert "Not published" in texts(response)


def test_the_public_reads_a_published_one_with_its_provisions_and_follow_ups(
    published, client_as, focal_point, instrument
):
    for status in ("in_progress", "implemented"):
        recommending.recommendation_follow_up(
            recommendation=published, user=focal_point, status=status, response=f"Now {status}."
        )
    page = texts(client_as(None).get(reverse("reporting:recommendation", args=[published.pk])))
    assert published.text in page
    assert reverse("portal:provision", args=[instrument.pk, "2"]) in page
    table = page[page.index("Each follow-up, oldest first") :]
    assert table.index("Now in_progress.") < table.index("Now implemented.")
    assert "Report a follow-up" not in page


@pytest.mark.parametrize(
    ("name", "offered"),
    [("focal_point", True), ("body_secretariat", True), ("reviewer", False), ("partner", False)],
)
def test_the_follow_up_form_is_offered_to_those_who_respond(
    name, offered, published, client_as, request
):
    url = reverse("reporting:recommendation", args=[published.pk])
    assert ("Report a follow-up" in texts(client_as(person(request, name)).get(url))) is offered


# Following up -------------------------------------------------------------------------------


def follow_up_url(recommendation) -> str:
    return reverse("reporting:recommendation_follow_up", args=[recommendation.pk])


def test_the_focal_point_records_a_follow_up(
    published, client_as, focal_point, instrument, secretariat
):
    later = open_cycle(instrument, secretariat, [published.party])
    response = client_as(focal_point).post(
        follow_up_url(published),
        {"status": "in_progress", "response": "The office opens in May.", "cycle": later.pk},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:recommendation", args=[published.pk])
    update = RecommendationUpdate.objects.get()
    assert (update.status, update.cycle, update.author) == ("in_progress", later, focal_point)
    assert update.history.get().history_user == focal_point
    published.refresh_from_db()
    assert published.response == "The office opens in May."


def test_following_up_is_post_only(published, client_as, focal_point):
    assert client_as(focal_point).get(follow_up_url(published)).status_code == 405
    anonymous = client_as(None).get(follow_up_url(published))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("name", "status"), [("reviewer", 404), ("partner", 404), ("other_focal_point", 403)]
)
def test_those_who_may_not_respond_are_refused(name, status, published, client_as, request):
    response = client_as(person(request, name)).post(
        follow_up_url(published), {"status": "implemented"}
    )
    assert response.status_code == status
    assert not RecommendationUpdate.objects.exists()


def test_the_other_party_does_not_find_an_unpublished_one(
    recommendation, client_as, other_focal_point
):
    response = client_as(other_focal_point).post(
        follow_up_url(recommendation), {"status": "implemented"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("field", ["status", "cycle"])
def test_a_bad_follow_up_is_shown_again_with_its_error(
    field, published, client_as, focal_point, secretariat, party_a
):
    elsewhere = open_cycle(InstrumentFactory(), secretariat, [party_a])
    data = {"status": "implemented", "cycle": ""}
    data[field] = "done" if field == "status" else elsewhere.pk
    response = client_as(focal_point).post(follow_up_url(published), data)
    assert response.status_code == 422
    assert f'id="id_{field}-error"' in texts(response)
    assert not RecommendationUpdate.objects.exists()


def test_the_submission_page_shows_its_reviews_internal_ones_to_reviewers_only(
    reviewed, client_as, reviewer, focal_point, body_secretariat
):
    url = reverse("reporting:submission", args=[reviewed.cycle_id, reviewed.party.code])
    as_reviewer = texts(client_as(reviewer).get(url))
    assert PUBLIC_COMMENT in as_reviewer and INTERNAL_COMMENT in as_reviewer
    as_focal_point = texts(client_as(focal_point).get(url))
    assert PUBLIC_COMMENT in as_focal_point
    assert INTERNAL_COMMENT not in as_focal_point and INTERNAL_REVIEW not in as_focal_point
    services.submission_transition(submission=reviewed, target="accepted", user=body_secretariat)
    services.submission_transition(
        submission=reviewed.__class__.objects.get(pk=reviewed.pk),
        target="published",
        user=body_secretariat,
    )
    public = texts(client_as(None).get(url))
    assert PUBLIC_COMMENT in public
    assert INTERNAL_COMMENT not in public and INTERNAL_REVIEW not in public
