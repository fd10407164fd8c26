"""Writing a party's plan on the pages: actions, projects, publishing and reviews, per persona."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from concord.registry.tests.factories import InstrumentFactory
from concord.reporting.models import (
    PlanAction,
    ProjectReview,
    ReformProject,
    ReportingCycle,
    SupportNeed,
)
from concord.reporting.tests.plans_fixtures import *  # noqa: F403
from concord.reporting.tests.plans_fixtures import make_project

EVERYONE = (
    "focal_point",
    "other_focal_point",
    "reviewer",
    "secretariat",
    "body_secretariat",
    "partner",
)


def person(request, persona):
    return request.getfixturevalue(persona) if persona else None


def url(name: str, **kwargs) -> str:
    return reverse(f"reporting:{name}", kwargs=kwargs)


def signs_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login")


def action_data(**changes) -> dict:
    return {
        "title": "Set up an asset recovery office",
        "description": "A unit in the prosecutor's office.",
        "lead_institution": "Ministry of Justice",
        "partners": "Police; Financial intelligence unit",
        "due_date": "2027-03-31",
        "status": "in_progress",
        "indicators": "Office staffed; cases opened",
        **changes,
    }


def project_data(rows: list[dict] | None = None, initial: int = 0, **changes) -> dict:
    """A project's fields and its support need rows, as the form posts them."""
    rows = (
        rows if rows is not None else [{"kind": "financial", "amount": "5000", "currency": "EUR"}]
    )
    data = {
        "title": "Whistle-blower hotline",
        "priority_area": "Integrity",
        "objectives": "Protect those who report.",
        "responsible_agency": "Anti-corruption agency",
        "means": "",
        "outcomes": "",
        "impacts": "",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "needs-TOTAL_FORMS": str(len(rows)),
        "needs-INITIAL_FORMS": str(initial),
        "needs-MIN_NUM_FORMS": "0",
        "needs-MAX_NUM_FORMS": "30",
        **changes,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"needs-{index}-{name}"] = value
    return data


# Planned actions: who may open the forms ----------------------------------------------------


@pytest.mark.parametrize("persona", (*EVERYONE, None))
def test_only_the_partys_focal_points_open_the_new_action_form(persona, request, client_as, cycle):
    response = client_as(person(request, persona)).get(url("action_new", code="FRA"))
    if persona is None:
        assert signs_in(response)
    elif persona == "focal_point":
        assert response.status_code == 200
        assert "Save the action" in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", (*EVERYONE, None))
def test_only_the_partys_focal_points_open_an_actions_edit_form(
    persona, request, client_as, draft_action, published_action
):
    client = client_as(person(request, persona))
    for action in (draft_action, published_action):
        response = client.get(url("action_edit", action_id=action.pk))
        if persona is None:
            assert signs_in(response)
        elif persona == "focal_point":
            assert response.status_code == 200
            assert action.title in response.content.decode()
        else:
            assert response.status_code == 404


@pytest.mark.parametrize("persona", ("other_focal_point", "reviewer", "secretariat"))
def test_nobody_else_plans_for_the_party(persona, request, client_as, cycle, instrument):
    client = client_as(person(request, persona))
    query = f"?instrument={instrument.pk}"
    action = client.post(url("action_new", code="FRA") + query, action_data())
    project = client.post(url("project_new", code="FRA") + query, project_data())
    assert action.status_code == project.status_code == 403
    assert not PlanAction.objects.exists() and not ReformProject.objects.exists()


def test_the_new_action_form_offers_the_partys_recommendations_and_the_provisions(
    client_as, focal_point, recommendations, instrument
):
    html = client_as(focal_point).get(url("action_new", code="FRA")).content.decode()
    assert recommendations["laws"].text in html
    assert "Confidential: review the prosecutors" in html  # the party's own people see its drafts
    assert recommendations["ukraine"].text not in html
    assert "Stocktaking 2026" in html
    assert "1 — Adopts laws." in html and "3 — Out of scope." in html
    assert 'type="checkbox"' in html


def test_a_focal_point_plans_an_action_answering_a_recommendation(
    client_as, focal_point, recommendations, instrument
):
    laws = recommendations["laws"]
    provision = instrument.provisions.get(ref="2")
    response = client_as(focal_point).post(
        url("action_new", code="FRA") + f"?instrument={instrument.pk}",
        action_data(recommendations=[laws.pk], provisions=[provision.pk]),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("party_plan", code="FRA")
    assert "saved as a draft" in response.content.decode()
    action = PlanAction.objects.get()
    assert (action.party.code, action.instrument, action.status) == (
        "FRA",
        instrument,
        "in_progress",
    )
    assert action.due_date == dt.date(2027, 3, 31) and action.created_by == focal_point
    assert list(action.recommendations.all()) == [laws]
    assert list(action.provisions.all()) == [provision]
    assert not action.is_published
    assert action.history.get().history_user == focal_point


def test_a_bad_action_is_refused_with_422_naming_the_fields_and_nothing_written(
    client_as, focal_point, recommendations, instrument
):
    foreign = InstrumentFactory().provisions.create(seq=1, ref="9", kind="operative")
    response = client_as(focal_point).post(
        url("action_new", code="FRA") + f"?instrument={instrument.pk}",
        action_data(
            title="",
            due_date="next spring",
            recommendations=[recommendations["ukraine"].pk],
            provisions=[foreign.pk],
        ),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "Nothing was saved" in html
    for name in ("title", "due_date", "recommendations", "provisions"):
        assert f'id="id_{name}-error"' in html, name
    assert 'aria-describedby="id_title-error"' in html and 'aria-invalid="true"' in html
    assert "<title>Error:" in html
    assert "Ministry of Justice" in html  # what was typed comes back
    assert not PlanAction.objects.exists()


def test_the_instrument_is_chosen_among_those_the_party_reports_under(
    client_as, focal_point, party_a, cycle
):
    client = client_as(focal_point)
    other = InstrumentFactory(title="Convention on mutual assistance")
    unpublished = InstrumentFactory(title="Draft protocol", publication="in_review")
    for extra in (other, unpublished):
        ReportingCycle.objects.create(
            instrument=extra,
            name=f"Cycle of {extra.title}",
            phase="stocktaking",
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            opens_on=dt.date(2026, 1, 1),
            deadline=dt.date(2026, 3, 31),
        ).parties.add(party_a)
    new = url("action_new", code="FRA")
    picker = client.get(new)
    html = picker.content.decode()
    assert picker.status_code == 200 and "Save the action" not in html
    assert "Convention on mutual assistance" in html and "Action plan on asset recovery" in html
    assert "Draft protocol" not in html
    chosen = client.get(f"{new}?instrument={other.pk}")
    assert chosen.status_code == 200 and "Save the action" in chosen.content.decode()
    for refused in (unpublished.pk, InstrumentFactory().pk, "x", "²", "9" * 40):
        assert client.get(f"{new}?instrument={refused}").status_code == 404


def test_a_party_reporting_under_nothing_is_told_so(client_as, focal_point):
    response = client_as(focal_point).get(url("action_new", code="FRA"))
    assert response.status_code == 200
    assert "reports under no published instrument" in response.content.decode()


def test_a_focal_point_changes_an_action_and_the_history_names_them(
    client_as, focal_point, published_action, recommendations
):
    response = client_as(focal_point).post(
        url("action_edit", action_id=published_action.pk),
        action_data(status="done", recommendations=[recommendations["office"].pk]),
    )
    assert response.status_code == 302
    published_action.refresh_from_db()
    assert published_action.status == "done"
    assert list(published_action.recommendations.all()) == [recommendations["office"]]
    assert list(published_action.provisions.all()) == []
    assert published_action.history.first().history_user == focal_point


def test_an_edit_refused_leaves_the_action_as_it_was(client_as, focal_point, published_action):
    response = client_as(focal_point).post(
        url("action_edit", action_id=published_action.pk),
        action_data(lead_institution="", status="forgotten"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_lead_institution-error"' in html and 'id="id_status-error"' in html
    published_action.refresh_from_db()
    assert published_action.lead_institution == "Ministry of Justice"
    assert published_action.history.count() == 2  # created, published


def test_another_partys_focal_point_cannot_change_an_action(
    client_as, other_focal_point, published_action
):
    response = client_as(other_focal_point).post(
        url("action_edit", action_id=published_action.pk), action_data(title="Changed")
    )
    assert response.status_code == 404
    published_action.refresh_from_db()
    assert published_action.title != "Changed"


# Publishing --------------------------------------------------------------------------------


def test_a_focal_point_publishes_an_action_and_the_public_sees_it(
    client_as, focal_point, draft_action
):
    assert (
        draft_action.title
        not in client_as(None).get(url("party_plan", code="FRA")).content.decode()
    )
    response = client_as(focal_point).post(
        url("action_publish", action_id=draft_action.pk), follow=True
    )
    assert "is published" in response.content.decode()
    draft_action.refresh_from_db()
    assert draft_action.is_published
    assert draft_action.history.first().history_user == focal_point
    assert draft_action.title in client_as(None).get(url("party_plan", code="FRA")).content.decode()
    again = client_as(focal_point).post(
        url("action_publish", action_id=draft_action.pk), follow=True
    )
    assert "already published" in again.content.decode()


@pytest.mark.parametrize("persona", (*EVERYONE[1:], None))
def test_nobody_else_publishes_an_action(persona, request, client_as, draft_action):
    response = client_as(person(request, persona)).post(
        url("action_publish", action_id=draft_action.pk)
    )
    assert signs_in(response) if persona is None else response.status_code == 404
    draft_action.refresh_from_db()
    assert not draft_action.is_published


def test_publishing_is_post_only(client_as, focal_point, draft_action, draft_project):
    for name, key, record in (
        ("action_publish", "action_id", draft_action),
        ("project_publish", "project_id", draft_project),
    ):
        link = url(name, **{key: record.pk})
        assert client_as(focal_point).get(link).status_code == 405
        assert signs_in(client_as(None).get(link))


# Reform projects ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", (*EVERYONE, None))
def test_only_the_partys_focal_points_open_the_project_forms(
    persona, request, client_as, cycle, draft_project
):
    client = client_as(person(request, persona))
    new = client.get(url("project_new", code="FRA"))
    edit = client.get(url("project_edit", project_id=draft_project.pk))
    if persona is None:
        assert signs_in(new) and signs_in(edit)
    elif persona == "focal_point":
        assert new.status_code == edit.status_code == 200
        assert 'name="needs-0-kind"' in new.content.decode()
        assert draft_project.title in edit.content.decode()
    else:
        assert new.status_code == 403 and edit.status_code == 404


def test_a_focal_point_proposes_a_project_with_its_support_needs(
    client_as, focal_point, cycle, instrument
):
    rows = [
        {"kind": "financial", "description": "Call centre", "amount": "120000", "currency": "usd"},
        {"kind": "", "description": "", "amount": "", "currency": ""},  # a blank row: no need
        {"kind": "training", "description": "Operators"},
    ]
    provision = instrument.provisions.get(ref="1")
    response = client_as(focal_point).post(
        url("project_new", code="FRA") + f"?instrument={instrument.pk}",
        project_data(rows, provisions=[provision.pk]),
    )
    project = ReformProject.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "project", project_id=project.pk
    )
    needs = list(project.support_needs.order_by("id"))
    assert [(n.kind, n.amount, n.currency) for n in needs] == [
        ("financial", Decimal("120000.00"), "USD"),
        ("training", None, ""),
    ]
    assert list(project.provisions.all()) == [provision]
    assert project.history.get().history_user == focal_point
    assert needs[0].history.get().history_user == focal_point


def test_a_bad_project_is_refused_with_422_on_its_rows_and_nothing_written(
    client_as, focal_point, cycle, instrument
):
    rows = [
        {"kind": "financial", "amount": "1000", "currency": ""},
        {"kind": "technical", "amount": "10", "currency": "XYZ"},
        {"kind": "", "amount": "-5"},
    ]
    response = client_as(focal_point).post(
        url("project_new", code="FRA") + f"?instrument={instrument.pk}",
        project_data(rows, ends_on="2025-01-01"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_needs-2-kind-error"' in html and 'id="id_needs-2-amount-error"' in html
    assert 'id="id_ends_on-error"' not in html  # the service checks dates once the rows pass
    assert not ReformProject.objects.exists() and not SupportNeed.objects.exists()
    fixed = rows[:2]
    response = client_as(focal_point).post(
        url("project_new", code="FRA") + f"?instrument={instrument.pk}",
        project_data(fixed, ends_on="2025-01-01"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "An amount needs its currency." in html and 'id="id_needs-0-currency-error"' in html
    assert "is not an ISO 4217 currency code" in html and 'id="id_needs-1-currency-error"' in html
    assert 'aria-describedby="id_needs-1-currency-error id_needs-1-currency-help"' in html
    assert not ReformProject.objects.exists() and not SupportNeed.objects.exists()
    response = client_as(focal_point).post(
        url("project_new", code="FRA") + f"?instrument={instrument.pk}",
        project_data([], ends_on="2025-01-01"),
    )
    assert response.status_code == 422
    assert "A project must end on or after its start." in response.content.decode()
    assert not ReformProject.objects.exists()


def test_editing_a_project_keeps_removes_and_adds_needs(client_as, focal_point, published_project):
    stored = list(published_project.support_needs.order_by("id"))
    page = client_as(focal_point).get(url("project_edit", project_id=published_project.pk))
    html = page.content.decode()
    assert 'value="Drafting expert"' in html and 'name="needs-3-DELETE"' in html
    assert 'name="needs-4-DELETE"' not in html  # blank rows have nothing to remove
    rows = [
        {
            "kind": n.kind,
            "description": n.description,
            "amount": n.amount or "",
            "currency": n.currency,
        }
        for n in stored
    ]
    rows[1]["DELETE"] = "on"
    rows.append({"kind": "equipment", "description": "Servers"})
    response = client_as(focal_point).post(
        url("project_edit", project_id=published_project.pk),
        project_data(rows, initial=len(stored), title="Code of conduct, revised"),
    )
    assert response.status_code == 302
    published_project.refresh_from_db()
    assert published_project.title == "Code of conduct, revised"
    descriptions = list(published_project.support_needs.values_list("description", flat=True))
    assert descriptions == ["Training", "Drafting expert", "Study visit", "Servers"]


def test_more_empty_rows_are_one_link_away(client_as, focal_point, cycle, instrument):
    client = client_as(focal_point)
    html = client.get(url("project_new", code="FRA")).content.decode()
    assert 'name="needs-2-kind"' in html and 'name="needs-3-kind"' not in html
    assert f'href="?instrument={instrument.pk}&amp;rows=6"' in html
    more = client.get(url("project_new", code="FRA") + f"?instrument={instrument.pk}&rows=6")
    assert 'name="needs-5-kind"' in more.content.decode()
    most = client.get(url("project_new", code="FRA") + f"?instrument={instrument.pk}&rows=500")
    assert 'name="needs-29-kind"' in most.content.decode()
    assert 'name="needs-30-kind"' not in most.content.decode()
    odd = client.get(url("project_new", code="FRA") + f"?instrument={instrument.pk}&rows=²")
    assert odd.status_code == 200 and 'name="needs-3-kind"' not in odd.content.decode()


def test_a_focal_point_publishes_a_project(
    client_as, focal_point, other_focal_point, draft_project
):
    assert (
        client_as(other_focal_point)
        .post(url("project_publish", project_id=draft_project.pk))
        .status_code
        == 404
    )
    response = client_as(focal_point).post(
        url("project_publish", project_id=draft_project.pk), follow=True
    )
    assert "The project is published" in response.content.decode()
    draft_project.refresh_from_db()
    assert draft_project.is_published
    assert client_as(None).get(url("project", project_id=draft_project.pk)).status_code == 200


# Reviews of a project -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", (*EVERYONE, None))
def test_the_steering_group_opens_the_review_form(persona, request, client_as, published_project):
    response = client_as(person(request, persona)).get(
        url("project_review", project_id=published_project.pk)
    )
    if persona is None:
        assert signs_in(response)
    elif persona in ("reviewer", "secretariat", "body_secretariat"):
        assert response.status_code == 200
        assert "Record the review" in response.content.decode()
    else:
        assert response.status_code == 404


def test_a_reviewer_records_the_midterm_review(client_as, reviewer, published_project):
    data = {
        "stage": "midterm",
        "rating": "partially",
        "assessment": "Training behind schedule.",
        "reviewed_on": "2026-11-01",
    }
    response = client_as(reviewer).post(
        url("project_review", project_id=published_project.pk), data, follow=True
    )
    assert "The review is recorded." in response.content.decode()
    review = ProjectReview.objects.get()
    assert (review.stage, review.rating, review.author) == ("midterm", "partially", reviewer)
    assert review.history.get().history_user == reviewer
    again = client_as(reviewer).post(url("project_review", project_id=published_project.pk), data)
    assert again.status_code == 422
    assert 'id="id_stage-error"' in again.content.decode()
    assert ProjectReview.objects.count() == 1
    final = client_as(reviewer).get(url("project_review", project_id=published_project.pk))
    assert 'value="final" selected' in final.content.decode()


def test_a_review_before_the_project_starts_or_without_assessment_is_refused(
    client_as, secretariat, published_project
):
    response = client_as(secretariat).post(
        url("project_review", project_id=published_project.pk),
        {"stage": "final", "assessment": "", "reviewed_on": "2025-06-01"},
    )
    assert response.status_code == 422 and 'id="id_assessment-error"' in response.content.decode()
    response = client_as(secretariat).post(
        url("project_review", project_id=published_project.pk),
        {"stage": "final", "assessment": "Done.", "reviewed_on": "2025-06-01"},
    )
    assert response.status_code == 422
    assert "A review cannot come before the project starts" in response.content.decode()
    assert not ProjectReview.objects.exists()


def test_a_draft_project_is_not_reviewed(client_as, reviewer, draft_project):
    page = client_as(reviewer).get(url("project_review", project_id=draft_project.pk))
    assert page.status_code == 200
    assert "Only a published project is reviewed" in page.content.decode()
    response = client_as(reviewer).post(
        url("project_review", project_id=draft_project.pk),
        {"stage": "midterm", "assessment": "Early.", "reviewed_on": "2026-06-01"},
    )
    assert response.status_code == 422 and not ProjectReview.objects.exists()


# Links on the plan and project pages ---------------------------------------------------------


@pytest.mark.parametrize("persona", (*EVERYONE, None))
def test_the_plan_page_links_to_the_forms_only_for_the_partys_focal_points(
    persona, request, client_as, cycle, draft_action, published_action, draft_project
):
    html = client_as(person(request, persona)).get(url("party_plan", code="FRA")).content.decode()
    links = (
        url("action_new", code="FRA"),
        url("project_new", code="FRA"),
        url("action_edit", action_id=published_action.pk),
        url("action_publish", action_id=draft_action.pk),
        url("project_edit", project_id=draft_project.pk),
        url("project_publish", project_id=draft_project.pk),
    )
    for link in links:
        assert (link in html) == (persona == "focal_point"), link
    # A published action has nothing left to publish.
    assert url("action_publish", action_id=published_action.pk) not in html


@pytest.mark.parametrize("persona", (*EVERYONE, None))
def test_the_project_page_links_to_edit_publish_and_review_for_those_who_may(
    persona, request, client_as, focal_point, party_a, instrument
):
    project = make_project(focal_point, party_a, instrument, publish=True)
    draft = make_project(focal_point, party_a, instrument, title="Draft project")
    client = client_as(person(request, persona))
    html = client.get(url("project", project_id=project.pk)).content.decode()
    assert (url("project_edit", project_id=project.pk) in html) == (persona == "focal_point")
    steering = persona in ("reviewer", "secretariat", "body_secretariat")
    assert (url("project_review", project_id=project.pk) in html) == steering
    assert url("project_publish", project_id=project.pk) not in html
    if persona == "focal_point":
        draft_html = client.get(url("project", project_id=draft.pk)).content.decode()
        assert url("project_publish", project_id=draft.pk) in draft_html
        assert url("project_review", project_id=draft.pk) not in draft_html
