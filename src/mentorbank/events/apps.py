from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """A programme's trainings, workshops and materials."""

    name = "mentorbank.events"
    verbose_name = _("Events and materials")
