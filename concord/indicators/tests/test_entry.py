from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.indicators.entry import Figure, period_lock, value_put, value_review, values_visible_to
from concord.indicators.models import Approval, Value
from concord.indicators.periods import period_for
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def viet_nam_focal(viet_nam):
    return make_person("focal-vnm", (RoleKind.FOCAL_POINT, viet_nam))


def test_a_focal_points_figure_waits_for_approval_and_is_public_once_approved(
    days, viet_nam, viet_nam_focal, secretariat, anonymous
):
    value = value_put(
        user=viet_nam_focal,
        indicator=days,
        period=period_for("2016"),
        party=viet_nam,
        figure=Figure("24"),
    )
    assert value.approval == Approval.PENDING
    assert not values_visible_to(anonymous, days).exists()
    assert values_visible_to(viet_nam_focal, days).get() == value
    approved = value_review(user=secretariat, value=value, approve=True)
    assert approved.approval == Approval.APPROVED
    assert values_visible_to(anonymous, days).get().number == Decimal(24)


def test_a_returned_figure_says_why(days, viet_nam, viet_nam_focal, secretariat):
    value = value_put(
        user=viet_nam_focal,
        indicator=days,
        period=period_for("2016"),
        party=viet_nam,
        figure=Figure("24"),
    )
    with pytest.raises(ValidationError) as error:
        value_review(user=secretariat, value=value, approve=False)
    assert "comment" in error.value.message_dict
    returned = value_review(user=secretariat, value=value, approve=False, comment="Source?")
    assert (returned.approval, returned.comment) == (Approval.RETURNED, "Source?")
    with pytest.raises(PermissionDenied):
        value_review(user=viet_nam_focal, value=returned, approve=True)


def test_a_focal_point_enters_only_its_own_partys_figures(days, viet_nam_focal, party_a):
    with pytest.raises(PermissionDenied):
        value_put(
            user=viet_nam_focal,
            indicator=days,
            period=period_for("2016"),
            party=party_a,
            figure=Figure(1),
        )
    assert not Value.objects.exists()


def test_a_correction_keeps_the_old_figure_in_the_history(days, viet_nam, secretariat):
    period = period_for("2016")
    value_put(user=secretariat, indicator=days, period=period, party=viet_nam, figure=Figure("24"))
    corrected = value_put(
        user=secretariat, indicator=days, period=period, party=viet_nam, figure=Figure("22.5")
    )
    assert Value.objects.count() == 1
    assert [h.number for h in corrected.history.order_by("history_date")] == [
        Decimal(24),
        Decimal("22.5"),
    ]


def test_a_total_and_its_parts_are_separate_figures(days, viet_nam, secretariat):
    period = period_for("2016")
    value_put(user=secretariat, indicator=days, period=period, party=viet_nam, figure=Figure(20))
    value_put(
        user=secretariat,
        indicator=days,
        period=period,
        party=viet_nam,
        figure=Figure(22, breakdown={"sex": "female"}),
    )
    assert sorted(Value.objects.values_list("breakdown_key", flat=True)) == ["", "sex=female"]
    with pytest.raises(ValidationError) as error:
        value_put(
            user=secretariat,
            indicator=days,
            period=period,
            party=viet_nam,
            figure=Figure(1, breakdown={"age": "x"}),
        )
    assert "breakdown" in error.value.message_dict


@pytest.mark.parametrize("bad", ["abc", "1,5", "NaN", "Infinity", "1e30"])
def test_what_is_not_a_number_is_refused(days, viet_nam, secretariat, bad):
    with pytest.raises(ValidationError) as error:
        value_put(
            user=secretariat,
            indicator=days,
            period=period_for("2016"),
            party=viet_nam,
            figure=Figure(bad),
        )
    assert "value" in error.value.message_dict
    assert not Value.objects.exists()


def test_a_locked_period_takes_no_change_and_locks_only_when_all_is_approved(
    days, viet_nam, viet_nam_focal, secretariat
):
    period = period_for("2016")
    pending = value_put(
        user=viet_nam_focal, indicator=days, period=period, party=viet_nam, figure=Figure(5)
    )
    with pytest.raises(ValidationError):
        period_lock(user=secretariat, indicator=days, period=period)
    value_review(user=secretariat, value=pending, approve=True)
    period_lock(user=secretariat, indicator=days, period=period)
    with pytest.raises(ValidationError) as error:
        value_put(user=secretariat, indicator=days, period=period, party=viet_nam, figure=Figure(4))
    assert "period" in error.value.message_dict


def test_a_group_figure_and_a_responsible_ministry(days, asean_6, viet_nam, secretariat):
    group_value = value_put(
        user=secretariat,
        indicator=days,
        period=period_for("2016"),
        group=asean_6,
        figure=Figure("50.3"),
    )
    assert group_value.subject == "group:asean-6"
    ministry = factories.BodyFactory(code="vnm-mpi", name="Ministry", party=viet_nam)
    days.responsible_body = ministry
    days.save()
    officer = make_person("mpi", (RoleKind.RESPONSIBLE_BODY, ministry))
    value = value_put(
        user=officer,
        indicator=days,
        period=period_for("2016-Q1"),
        party=viet_nam,
        figure=Figure(30),
    )
    assert value.approval == Approval.PENDING
    other = factories.PartyFactory(code="LAO", name="Lao PDR")
    with pytest.raises(PermissionDenied):
        value_put(
            user=officer,
            indicator=days,
            period=period_for("2016-Q1"),
            party=other,
            figure=Figure(30),
        )
