"""The reporting app's models, one module per family."""

from concord.reporting.models.cycles import (
    EDITABLE,
    SUBMISSION_GRAPH,
    Answer,
    Phase,
    Question,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)
from concord.reporting.models.evidence import Evidence
from concord.reporting.models.notices import Notice, NoticeKind
from concord.reporting.models.plans import (
    PlanAction,
    PlanStatus,
    ProjectReview,
    ProjectStage,
    ReformProject,
    SupportKind,
    SupportNeed,
)
from concord.reporting.models.reviews import (
    FollowUp,
    Priority,
    Recommendation,
    RecommendationUpdate,
    Review,
    ReviewItem,
)

__all__ = [
    "EDITABLE",
    "SUBMISSION_GRAPH",
    "Answer",
    "Evidence",
    "FollowUp",
    "Notice",
    "NoticeKind",
    "Phase",
    "PlanAction",
    "PlanStatus",
    "Priority",
    "ProjectReview",
    "ProjectStage",
    "Question",
    "Recommendation",
    "RecommendationUpdate",
    "ReformProject",
    "ReportingCycle",
    "Review",
    "ReviewItem",
    "Submission",
    "SubmissionStatus",
    "SupportKind",
    "SupportNeed",
]
