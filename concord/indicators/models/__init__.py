"""The indicators app's models, one module per family."""

from concord.indicators.models.indicators import Direction, Indicator, Unit
from concord.indicators.models.periods import Period, PeriodKind
from concord.indicators.models.targets import Comparator, Statistic, Target, Trend
from concord.indicators.models.values import (
    Approval,
    PeriodLock,
    Value,
    ValueStatus,
    breakdown_key,
)

__all__ = [
    "Approval",
    "Comparator",
    "Direction",
    "Indicator",
    "Period",
    "PeriodKind",
    "PeriodLock",
    "Statistic",
    "Target",
    "Trend",
    "Unit",
    "Value",
    "ValueStatus",
    "breakdown_key",
]
