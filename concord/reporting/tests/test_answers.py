"""What each kind of question accepts (pure checks, no database)."""

import math

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from concord.reporting.answers import SCALE_STATUSES, AnswerType, Scale, check_answer


@pytest.mark.parametrize(
    ("answer_type", "scale", "value", "stored"),
    [
        (AnswerType.STATUS, Scale.IMPLEMENTATION, "largely", "largely"),
        (AnswerType.STATUS, Scale.RECOMMENDATION, "noted", "noted"),
        (AnswerType.YES_NO, "", False, False),
        (AnswerType.NUMBER, "", 2.5, 2.5),
        (AnswerType.TEXT, "", "Law 12/2024", "Law 12/2024"),
        (AnswerType.DATE, "", "2026-03-31", "2026-03-31"),
        (AnswerType.EVIDENCE, "", "Articles 3 to 5 of the law", "Articles 3 to 5 of the law"),
        (AnswerType.EVIDENCE, "", "", ""),
    ],
)
def test_a_fitting_value_is_stored_as_given(answer_type, scale, value, stored):
    assert check_answer(answer_type, scale, value) == stored


@pytest.mark.parametrize(
    ("answer_type", "scale", "value"),
    [
        (AnswerType.STATUS, Scale.IMPLEMENTATION, "noted"),
        (AnswerType.STATUS, Scale.RECOMMENDATION, "fully"),
        (AnswerType.YES_NO, "", "yes"),
        (AnswerType.YES_NO, "", 1),
        (AnswerType.NUMBER, "", True),
        (AnswerType.NUMBER, "", "12"),
        (AnswerType.NUMBER, "", math.inf),
        (AnswerType.TEXT, "", 12),
        (AnswerType.TEXT, "", "a\x00b"),
        (AnswerType.DATE, "", "2026-02-30"),
        (AnswerType.DATE, "", 20260101),
        (AnswerType.EVIDENCE, "", {"url": "https://example.org"}),
        (AnswerType.EVIDENCE, "", 12),
        (AnswerType.EVIDENCE, "", "x" * 20_001),
    ],
)
def test_an_unfit_value_is_refused(answer_type, scale, value):
    with pytest.raises(ValidationError):
        check_answer(answer_type, scale, value)


@given(st.text(max_size=30))
def test_a_status_is_accepted_exactly_when_on_the_scale(value):
    allowed = value in SCALE_STATUSES[Scale.IMPLEMENTATION].values
    try:
        check_answer(AnswerType.STATUS, Scale.IMPLEMENTATION, value)
    except ValidationError:
        assert not allowed
    else:
        assert allowed


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_every_finite_number_is_accepted(value):
    assert check_answer(AnswerType.NUMBER, "", value) == value


def test_a_number_too_large_for_a_float_is_refused_not_an_error():
    with pytest.raises(ValidationError):
        check_answer(AnswerType.NUMBER, "", 10**400)
