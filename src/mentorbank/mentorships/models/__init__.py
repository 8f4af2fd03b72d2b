from .meeting import CalendarFeed, Meeting, MeetingTime, SubstituteRequest, TimeException
from .mentorship import (
    Acceptance,
    Agreement,
    Approval,
    CheckpointAnswer,
    Insight,
    Member,
    Mentorship,
    Note,
    SentReminder,
)

__all__ = [
    "Acceptance",
    "Agreement",
    "Approval",
    "CalendarFeed",
    "CheckpointAnswer",
    "Insight",
    "Meeting",
    "MeetingTime",
    "Member",
    "Mentorship",
    "Note",
    "SentReminder",
    "SubstituteRequest",
    "TimeException",
]
