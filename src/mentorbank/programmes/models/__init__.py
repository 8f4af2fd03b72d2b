from .application import Application, Competence
from .programme import Programme, Theme

__all__ = ["Application", "Competence", "Programme", "Theme"]
