"""The party's plan page and the reform project page, for each persona."""

import datetime as dt
import itertools
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from concord.reporting import projects
from concord.reporting.tests.plans_fixtures import *  # noqa: F403
from concord.reporting.tests.plans_fixtures import make_action

OUTSIDERS = ("other_focal_point", "partner", None)
INSIDERS = ("focal_point", "reviewer", "secretariat", "body_secretariat")


def person(request, persona):
    return request.getfixturevalue(persona) if persona else None


def plan_url(code: str = "FRA") -> str:
    return reverse("reporting:party_plan", kwargs={"code": code})


def project_url(project) -> str:
    return reverse("reporting:project", kwargs={"project_id": project.pk})


class Headings(HTMLParser):
    """Collect the levels of the headings, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.levels.append(int(tag[1]))


def headings_in_order(html: str) -> bool:
    parser = Headings()
    parser.feed(html)
    levels = parser.levels
    return levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize("persona", INSIDERS + OUTSIDERS)
def test_the_plan_shows_drafts_marked_only_to_the_partys_people(
    persona, request, client_as, draft_action, published_action, draft_project, published_project
):
    response = client_as(person(request, persona)).get(plan_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert published_action.title in html and published_project.title in html
    if persona in INSIDERS:
        assert draft_action.title in html and draft_project.title in html
        assert "Draft</span>" in html
    else:
        assert draft_action.title not in html and draft_project.title not in html
        assert "Draft</span>" not in html


def test_an_action_answering_two_recommendations_is_listed_under_each(
    client_as, published_action, recommendations
):
    html = client_as(None).get(plan_url()).content.decode()
    for key in ("laws", "office"):
        link = reverse(
            "reporting:recommendation", kwargs={"recommendation_id": recommendations[key].pk}
        )
        assert f'href="{link}"' in html
    assert html.count(f'<th scope="row">{published_action.title}') == 3  # 2 + provision 1
    assert recommendations["draft"].text not in html


def test_a_recommendation_answered_by_two_actions_lists_both(
    client_as, focal_point, party_a, instrument, recommendations
):
    laws = recommendations["laws"]
    for title in ("Draft the bill", "Train the judges"):
        make_action(focal_point, party_a, instrument, title=title, recommendations=[laws])
    html = client_as(focal_point).get(plan_url()).content.decode()
    section = html.split(laws.text)[1].split("<h3")[0]
    assert "Draft the bill" in section and "Train the judges" in section


def test_the_plan_shows_status_due_dates_and_support_totals(
    client_as, published_action, published_project
):
    html = client_as(None).get(plan_url()).content.decode()
    assert "Planned" in html and 'datetime="2027-06-30"' in html
    assert "170,000.50" in html and "USD" in html  # two financial needs in USD, summed
    assert "30,000.00" in html and "EUR" in html
    assert "Total support needed" in html
    assert headings_in_order(html)


def test_drafts_are_left_out_of_the_published_total(client_as, focal_point, draft_project):
    html = client_as(focal_point).get(plan_url()).content.decode()
    assert draft_project.title in html
    assert "Total support needed" not in html


def test_an_unknown_party_is_404(client_as, party_a):
    assert client_as(None).get(plan_url("ZZZ")).status_code == 404


def test_the_plan_page_reads_a_constant_number_of_queries(
    client_as,
    focal_point,
    party_a,
    instrument,
    recommendations,
    published_project,
    django_assert_max_num_queries,
):
    client = client_as(focal_point)
    make_action(focal_point, party_a, instrument, recommendations=[recommendations["laws"]])
    with django_assert_max_num_queries(30) as few:
        client.get(plan_url())
    for index in range(4):
        make_action(
            focal_point,
            party_a,
            instrument,
            title=f"Action {index}",
            recommendations=list(recommendations.values())[:3],
            provisions=list(instrument.provisions.all()),
        )
        projects.project_publish(
            project=projects.project_create(
                user=focal_point,
                party=party_a,
                instrument=instrument,
                content=projects.ProjectContent(
                    title=f"Project {index}",
                    priority_area="Integrity",
                    objectives="Integrity",
                    responsible_agency="Agency",
                    support_needs=[projects.SupportNeedSpec("training")],
                ),
            ),
            user=focal_point,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(plan_url()).status_code == 200


def test_the_project_page_shows_its_support_needs_and_reviews(
    client_as, reviewer, published_project
):
    projects.project_review(
        project=published_project,
        user=reviewer,
        stage="midterm",
        assessment="Training behind schedule.",
        reviewed_on=dt.date(2026, 11, 1),
        rating="partially",
    )
    response = client_as(None).get(project_url(published_project))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        published_project.title,
        "Integrity in the public service",
        "Civil Service Commission",
        "Drafting expert",
        "150,000.00",
        "Study visit",
        "Midterm review",
        "Training behind schedule.",
        "Partially implemented",
        "Reviewed on",
    ):
        assert text in html, text
    assert "<caption>" in html and 'scope="col"' in html
    assert headings_in_order(html)


@pytest.mark.parametrize("persona", INSIDERS + OUTSIDERS)
def test_a_draft_project_page_is_404_for_outsiders(persona, request, client_as, draft_project):
    response = client_as(person(request, persona)).get(project_url(draft_project))
    if persona in INSIDERS:
        assert response.status_code == 200
        assert "Draft</span>" in response.content.decode()
    else:
        assert response.status_code == 404


def test_an_unknown_project_is_404(client_as, secretariat):
    response = client_as(secretariat).get(reverse("reporting:project", kwargs={"project_id": 99}))
    assert response.status_code == 404
