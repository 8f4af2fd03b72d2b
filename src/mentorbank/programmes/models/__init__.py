from .application import Application, Competence
from .bank import MentorProfile, MentorRequest
from .events import EventRegistration, Material, ProgrammeEvent
from .programme import Programme, Theme

__all__ = [
    "Application",
    "Competence",
    "EventRegistration",
    "Material",
    "MentorProfile",
    "MentorRequest",
    "Programme",
    "ProgrammeEvent",
    "Theme",
]
