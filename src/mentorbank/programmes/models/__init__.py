from .competence import Competence
from .partnership import Partnership
from .programme import Programme, ProgrammeQuestion, Theme

__all__ = ["Competence", "Partnership", "Programme", "ProgrammeQuestion", "Theme"]
