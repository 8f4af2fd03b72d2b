from .meeting import CalendarFeed, Meeting, MeetingTime, SubstituteRequest, TimeException
from .mentorship import Acceptance, Agreement, Approval, Member, Mentorship, Note

__all__ = [
    "Acceptance",
    "Agreement",
    "Approval",
    "CalendarFeed",
    "Meeting",
    "MeetingTime",
    "Member",
    "Mentorship",
    "Note",
    "SubstituteRequest",
    "TimeException",
]
