from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "mentorbank.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from mentorbank.programmes.panels import register

        from .programme_panel import programme_panel

        register(programme_panel)
