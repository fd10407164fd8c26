"""The cooperation app's models, one module per family."""

from concord.cooperation.models.replies import (
    Asset,
    AssetKind,
    AssetStatus,
    Attachment,
    HolderKind,
    Reply,
)
from concord.cooperation.models.requests import (
    RESTRAINING_KINDS,
    Channel,
    Classification,
    CooperationRequest,
    NonCooperationStep,
    PersonConcerned,
    RequestKind,
    RequestStatus,
    StepKind,
)
from concord.cooperation.models.trail import MatchDecision, Reading, Verdict

__all__ = [
    "RESTRAINING_KINDS",
    "Asset",
    "AssetKind",
    "AssetStatus",
    "Attachment",
    "Channel",
    "Classification",
    "CooperationRequest",
    "HolderKind",
    "MatchDecision",
    "NonCooperationStep",
    "PersonConcerned",
    "Reading",
    "Reply",
    "RequestKind",
    "RequestStatus",
    "StepKind",
    "Verdict",
]
