from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "mentorbank.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from mentorbank.core import schedule

        from .services import send_due

        schedule.register("surveys", schedule.HOUR, send_due)
