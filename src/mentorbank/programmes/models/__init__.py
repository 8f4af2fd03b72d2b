from .application import Application, ApplicationImport, Competence
from .bank import MentorProfile, MentorRequest
from .events import EventRegistration, Material, ProgrammeEvent
from .programme import Programme, ProgrammeQuestion, Theme

__all__ = [
    "Application",
    "ApplicationImport",
    "Competence",
    "EventRegistration",
    "Material",
    "MentorProfile",
    "MentorRequest",
    "Programme",
    "ProgrammeEvent",
    "ProgrammeQuestion",
    "Theme",
]
