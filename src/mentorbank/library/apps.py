from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The organisation's materials library: guides and slides for everyone, supervisors, mentors or a
    programme's participants, beside each programme's own materials."""

    name = "mentorbank.library"
    verbose_name = _("Materials library")
