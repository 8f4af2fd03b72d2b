from .competence import Competence
from .programme import Programme, ProgrammeQuestion, Theme

__all__ = ["Competence", "Programme", "ProgrammeQuestion", "Theme"]
