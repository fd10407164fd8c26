from concord.resources.models.contributions import (
    ALLOCATED,
    RECEIVED,
    STATUS_ORDER,
    Allocation,
    Contribution,
    ContributionStatus,
    ExchangeRate,
    Expenditure,
    StatusChange,
)
from concord.resources.models.modalities import Earmarking, FundingModality
from concord.resources.models.needs import Need, NeedKind, ProgressNote
from concord.resources.models.partners import Priority, ResourcePartner
from concord.resources.models.publishing import IatiPublisher

__all__ = [
    "ALLOCATED",
    "RECEIVED",
    "STATUS_ORDER",
    "Allocation",
    "Contribution",
    "ContributionStatus",
    "Earmarking",
    "ExchangeRate",
    "Expenditure",
    "FundingModality",
    "IatiPublisher",
    "Need",
    "NeedKind",
    "Priority",
    "ProgressNote",
    "ResourcePartner",
    "StatusChange",
]
