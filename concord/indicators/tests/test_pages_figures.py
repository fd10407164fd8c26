"""The forms: a figure entered by a focal point or the secretariat, and the secretariat's review
of the figures waiting for approval. Errors are shown beside their fields and nothing is
written."""

import pytest
from django.urls import reverse

from concord.indicators.entry import Figure, period_lock, value_put
from concord.indicators.models import Approval, Indicator, Period, Unit, Value
from concord.indicators.periods import period_for

pytestmark = pytest.mark.django_db


def url(name: str, indicator, **kwargs) -> str:
    return reverse(f"indicators:{name}", kwargs={"code": indicator.code, **kwargs})


def form(**fields) -> dict:
    return {"status": "final", "source": "", "note": "", "flag": ""} | fields


@pytest.fixture
def france_pending(days, party_a, focal_point):
    return value_put(
        user=focal_point,
        indicator=days,
        period=period_for("2016"),
        party=party_a,
        figure=Figure("12", source="Ministry"),
    )


# Entering a figure ---------------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in_and_a_reviewer_is_refused(client_as, days, reviewer):
    response = client_as(None).get(url("figure_new", days))
    assert response.status_code == 302 and "/accounts/login" in response["Location"]
    assert client_as(reviewer).get(url("figure_new", days)).status_code == 403


def test_a_focal_point_is_offered_its_own_party_only(
    client_as, days, party_a, viet_nam, focal_point
):
    html = client_as(focal_point).get(url("figure_new", days)).content.decode()
    assert 'value="party:FRA"' in html
    assert 'value="party:VNM"' not in html and "group:" not in html
    assert 'name="breakdown_sex"' in html


def test_a_focal_points_figure_waits_for_approval(client_as, days, party_a, focal_point):
    client = client_as(focal_point)
    response = client.post(
        url("figure_new", days),
        form(subject="party:FRA", period="2016", number="12.5", breakdown_sex="female"),
    )
    assert response.status_code == 302 and response["Location"] == url("detail", days)
    value = Value.objects.get()
    assert (value.approval, value.number, value.breakdown) == (
        Approval.PENDING,
        12.5,
        {"sex": "female"},
    )
    assert value.entered_by == focal_point
    page = client.get(url("detail", days)).content.decode()
    assert "it waits for the secretariat" in page and "(waiting for approval)" in page
    assert "12.5" not in client_as(None).get(url("detail", days)).content.decode()


def test_a_focal_point_cannot_enter_another_partys_figure(client_as, days, viet_nam, focal_point):
    response = client_as(focal_point).post(
        url("figure_new", days), form(subject="party:VNM", period="2016", number="3")
    )
    assert response.status_code == 422
    assert 'id="id_subject-error"' in response.content.decode()
    assert not Value.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"number": "1,250.5"}, "number"),
        ({"number": "many"}, "number"),
        ({"number": "1e30"}, "number"),
        ({"period": "2016-Q5"}, "period"),
        ({"period": ""}, "period"),
        ({"source": "x" * 300}, "source"),
    ],
)
def test_a_wrong_field_is_shown_beside_it_and_nothing_is_written(
    client_as, days, party_a, focal_point, fields, field
):
    data = form(subject="party:FRA", period="2031", number="4") | fields
    response = client_as(focal_point).post(url("figure_new", days), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html and 'aria-invalid="true"' in html
    assert "<title>Error:" in html and "Nothing was saved." in html
    assert not Value.objects.exists()
    assert not Period.objects.filter(code="2031").exists()


def test_a_refused_figure_leaves_no_period_behind(client_as, figures, secretariat, party_a):
    """The model refuses a seventh decimal place after the period was recorded: both roll back."""
    response = client_as(secretariat).post(
        url("figure_new", figures),
        form(subject="party:FRA", period="2040", number="1.1234567"),
    )
    assert response.status_code == 422
    assert 'id="id_number-error"' in response.content.decode()
    assert not Period.objects.filter(code="2040").exists()


def test_a_locked_period_is_refused_beside_the_period(client_as, figures, secretariat, party_a):
    period_lock(user=secretariat, indicator=figures, period=period_for("2015"))
    response = client_as(secretariat).post(
        url("figure_new", figures), form(subject="party:FRA", period="2015", number="3")
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_period-error"' in html and "is locked" in html
    assert not Value.objects.filter(party=party_a).exists()


def test_the_secretariats_figure_of_a_group_is_public_at_once(
    client_as, days, asean_6, secretariat
):
    html = client_as(secretariat).get(url("figure_new", days)).content.decode()
    assert 'value="group:asean-6"' in html
    response = client_as(secretariat).post(
        url("figure_new", days),
        form(subject="group:asean-6", period="2014", number="50.3", flag="Year assumed."),
    )
    assert response.status_code == 302
    value = Value.objects.get()
    assert (value.subject, value.approval, value.flag) == (
        "group:asean-6",
        Approval.APPROVED,
        "Year assumed.",
    )
    assert "Year assumed." in client_as(None).get(url("detail", days)).content.decode()


def test_an_indicator_without_breakdowns_asks_for_none(client_as, secretariat):
    plain = Indicator.objects.create(code="plain", name="Plain", unit=Unit.COUNT)
    html = client_as(secretariat).get(url("figure_new", plain)).content.decode()
    assert "breakdown_" not in html


# Reviewing figures ---------------------------------------------------------------------------


def test_only_the_secretariat_opens_the_pending_figures(
    client_as, days, france_pending, focal_point, secretariat
):
    assert client_as(None).get(url("pending", days)).status_code == 302
    assert client_as(focal_point).get(url("pending", days)).status_code == 403
    response = client_as(secretariat).get(url("pending", days))
    assert response.status_code == 200
    html = response.content.decode()
    assert "France, 2016" in html and "Ministry" in html and "focal-point" in html
    assert url("review", days, value_id=france_pending.pk) in html


def test_the_detail_page_counts_the_figures_waiting(client_as, days, france_pending, secretariat):
    html = client_as(secretariat).get(url("detail", days)).content.decode()
    assert "1 figure waits for approval" in html


def test_the_secretariat_approves_a_figure(client_as, days, france_pending, secretariat):
    prefix = f"value-{france_pending.pk}"
    response = client_as(secretariat).post(
        url("review", days, value_id=france_pending.pk), {f"{prefix}-decision": "approve"}
    )
    assert response.status_code == 302 and response["Location"] == url("pending", days)
    france_pending.refresh_from_db()
    assert france_pending.approval == Approval.APPROVED
    assert ">12<" in client_as(None).get(url("detail", days)).content.decode()


def test_a_figure_returned_without_a_comment_is_refused_and_stays_pending(
    client_as, days, france_pending, secretariat
):
    prefix = f"value-{france_pending.pk}"
    response = client_as(secretariat).post(
        url("review", days, value_id=france_pending.pk),
        {f"{prefix}-decision": "return", f"{prefix}-comment": "  "},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Say why the figure is returned." in html
    assert f'id="id_{prefix}-comment-error"' in html and "Nothing was saved." in html
    france_pending.refresh_from_db()
    assert france_pending.approval == Approval.PENDING


def test_a_returned_figure_shows_its_comment_to_the_focal_point(
    client_as, days, france_pending, secretariat, focal_point
):
    prefix = f"value-{france_pending.pk}"
    response = client_as(secretariat).post(
        url("review", days, value_id=france_pending.pk),
        {f"{prefix}-decision": "return", f"{prefix}-comment": "Which ministry?"},
    )
    assert response.status_code == 302
    france_pending.refresh_from_db()
    assert (france_pending.approval, france_pending.comment) == (
        Approval.RETURNED,
        "Which ministry?",
    )
    html = client_as(focal_point).get(url("detail", days)).content.decode()
    assert "Which ministry?" in html and "returned" in html


def test_a_figure_reviewed_twice_is_refused_the_second_time(
    client_as, days, france_pending, secretariat
):
    prefix = f"value-{france_pending.pk}"
    review = url("review", days, value_id=france_pending.pk)
    client_as(secretariat).post(review, {f"{prefix}-decision": "approve"})
    response = client_as(secretariat).post(
        review, {f"{prefix}-decision": "return", f"{prefix}-comment": "Late"}
    )
    assert response.status_code == 422
    assert "Only a figure waiting for approval is reviewed." in response.content.decode()
    france_pending.refresh_from_db()
    assert france_pending.approval == Approval.APPROVED


def test_a_focal_point_cannot_review(client_as, days, france_pending, focal_point):
    prefix = f"value-{france_pending.pk}"
    response = client_as(focal_point).post(
        url("review", days, value_id=france_pending.pk), {f"{prefix}-decision": "approve"}
    )
    assert response.status_code == 403
    france_pending.refresh_from_db()
    assert france_pending.approval == Approval.PENDING


def test_a_secretariat_of_another_body_cannot_review_an_instruments_figures(
    client_as, published_instrument, body_secretariat, party_a, secretariat
):
    scoped = Indicator.objects.create(
        code="scoped", name="Scoped", unit=Unit.COUNT, instrument=published_instrument
    )
    value_put(
        user=secretariat,
        indicator=scoped,
        period=period_for("2016"),
        party=party_a,
        figure=Figure("1"),
        approve=False,
    )
    assert client_as(body_secretariat).get(url("pending", scoped)).status_code == 403


def test_every_wrong_field_is_shown_at_once(client_as, days, party_a, focal_point):
    response = client_as(focal_point).post(
        url("figure_new", days), form(subject="party:FRA", period="2016-Q5", number="1,5")
    )
    html = response.content.decode()
    assert 'id="id_period-error"' in html and 'id="id_number-error"' in html
