"""The needs pages over HTTP: the list (unpublished ones marked for those who see them, the
needs nobody covers) and one need with its ranked matches and the duplicate-funding warning."""

import datetime as dt

import pytest

from concord.resources.contributing import (
    ContributionData,
    contribution_create,
    contribution_publish,
)
from concord.resources.needs import contribution_need_set
from concord.resources.tests.needs_fixtures import *  # noqa: F403  (its fixtures)

pytestmark = pytest.mark.django_db


def test_the_list_shows_public_needs_and_marks_unpublished_ones_for_those_who_see_them(
    client_as, project_needs, hidden_need, priorities, partner, other_focal_point
):
    public = client_as(partner).get("/resources/needs").content.decode()
    assert "Train investigators: Training seminars" in public
    assert "Forensic laboratory" not in public and "not public" not in public
    own = client_as(other_focal_point).get("/resources/needs").content.decode()
    assert "Forensic laboratory" in own and "not public" in own
    uncovered = own.split("Needs no partner covers", 1)[1]
    assert "Forensic laboratory" in uncovered and "Training seminars" not in uncovered


def test_a_need_shows_its_ranked_matches_with_reasons_and_a_duplicate_warning(
    client_as, project_needs, priorities, org_secretariat, sweden, organization
):
    financial = project_needs["financial"]
    html = client_as(None).get(f"/resources/needs/{financial.pk}").content.decode()
    assert "Same country: France" in html and "Money can go through Multipartner" in html
    assert "could be funded twice" not in html
    contribution = contribution_create(
        user=org_secretariat,
        partner=sweden,
        organization=organization,
        reference="SE-FR",
        status="approved",
        on=dt.date(2026, 2, 1),
        data=ContributionData(title="Swedish seminars", amount="100000", currency="USD"),
    )
    contribution_publish(user=org_secretariat, contribution=contribution)
    contribution_need_set(user=org_secretariat, contribution=contribution, need=financial)
    html = client_as(None).get(f"/resources/needs/{financial.pk}").content.decode()
    assert "Swedish seminars" in html and "could be funded twice" in html
    assert "already funded by Sweden" in html


def test_an_unpublished_need_is_not_found_for_those_who_may_not_see_it(
    client_as, hidden_need, partner, other_focal_point
):
    assert client_as(None).get(f"/resources/needs/{hidden_need.pk}").status_code == 404
    assert client_as(partner).get(f"/resources/needs/{hidden_need.pk}").status_code == 404
    html = client_as(other_focal_point).get(f"/resources/needs/{hidden_need.pk}").content.decode()
    assert "This need is not public" in html
    assert "No partner's priority covers this need yet." in html


def test_the_list_issues_a_constant_number_of_queries(
    client_as, project_needs, priorities, secretariat, party_a, django_assert_max_num_queries
):
    from concord.resources.needs import NeedData, need_create

    def listed() -> int:
        response = client_as(None).get("/resources/needs")
        assert response.status_code == 200
        return response.content.decode().count("/resources/needs/")

    with django_assert_max_num_queries(9):
        before = listed()
    for n in range(10):
        need_create(
            user=secretariat,
            data=NeedData(title=f"Need {n}", kind="technical", country=party_a, published=True),
        )
    with django_assert_max_num_queries(9):
        assert listed() > before
