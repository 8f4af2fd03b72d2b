from .application import Application, ApplicationImport, Competence
from .bank import GuestInvitation, MentorProfile, MentorRequest
from .events import EventRegistration, Material, ProgrammeEvent
from .programme import Programme, ProgrammeQuestion, Theme

__all__ = [
    "Application",
    "ApplicationImport",
    "Competence",
    "EventRegistration",
    "GuestInvitation",
    "Material",
    "MentorProfile",
    "MentorRequest",
    "Programme",
    "ProgrammeEvent",
    "ProgrammeQuestion",
    "Theme",
]
