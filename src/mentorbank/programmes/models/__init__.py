from .competence import Competence
from .guest import ProgrammeGuest
from .partnership import Partnership
from .programme import Programme, ProgrammeQuestion, Theme

__all__ = ["Competence", "Partnership", "Programme", "ProgrammeGuest", "ProgrammeQuestion", "Theme"]
