from .application import Application, ApplicationImport, Competence
from .bank import MentorProfile, MentorRequest
from .events import EventRegistration, Material, ProgrammeEvent
from .programme import Programme, Theme

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
    "Theme",
]
