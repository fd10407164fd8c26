"""The directory's models, one module per family."""

from concord.directory.models.contacts import Contact, ContactKind
from concord.directory.models.legislation import Legislation, LegislationKind
from concord.directory.models.meetings import BestPractice, Meeting, MeetingKind

__all__ = [
    "BestPractice",
    "Contact",
    "ContactKind",
    "Legislation",
    "LegislationKind",
    "Meeting",
    "MeetingKind",
]
