"""Setting a target through its service: who may, what is refused, and a restated target
changed rather than added."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.indicators.models import Target
from concord.indicators.targeting import target_put

pytestmark = pytest.mark.django_db
BY_2030 = dt.date(2030, 12, 31)


def put(user, indicator, party, **given):
    given = {"comparator": "<=", "value": "6", "deadline": BY_2030, "source": "Plan", **given}
    return target_put(user=user, indicator=indicator, party=party, **given)


def test_a_target_is_recorded_then_corrected_with_its_history(secretariat, days, viet_nam):
    target = put(secretariat, days, viet_nam, note="  By the plan's end. ")
    assert (target.party, target.comparator, target.value, target.note) == (
        viet_nam,
        "<=",
        Decimal(6),
        "By the plan's end.",
    )
    corrected = put(secretariat, days, viet_nam, value="5")
    assert corrected.pk == target.pk and Target.objects.get().value == Decimal(5)
    assert [h.value for h in target.history.all()] == [Decimal(5), Decimal(6)]
    assert target.history.first().history_user == secretariat


def test_a_target_equal_to_the_stored_one_writes_nothing(secretariat, days, viet_nam):
    target = put(secretariat, days, viet_nam)
    put(secretariat, days, viet_nam, value="6.000")
    assert target.history.count() == 1


def test_another_source_or_deadline_is_another_target(secretariat, days, viet_nam):
    put(secretariat, days, viet_nam)
    put(secretariat, days, viet_nam, source="Another plan")
    put(secretariat, days, viet_nam, deadline=dt.date(2025, 12, 31))
    put(secretariat, days, None)  # every party's
    assert Target.objects.count() == 4


def test_only_the_secretariat_sets_targets(focal_point, days, viet_nam):
    with pytest.raises(PermissionDenied):
        put(focal_point, days, viet_nam)
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"value": "six"}, "value"),
        ({"comparator": "~"}, "comparator"),
        ({"source": "x" * 256}, "source"),
    ],
)
def test_bad_input_is_refused_naming_the_field(secretariat, days, viet_nam, given, field):
    with pytest.raises(ValidationError) as error:
        put(secretariat, days, viet_nam, **given)
    assert field in error.value.message_dict
    assert not Target.objects.exists()
