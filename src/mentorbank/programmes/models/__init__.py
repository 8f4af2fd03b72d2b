from .application import Application, Competence
from .bank import MentorProfile, MentorRequest
from .programme import Programme, Theme

__all__ = ["Application", "Competence", "MentorProfile", "MentorRequest", "Programme", "Theme"]
