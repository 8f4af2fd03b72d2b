from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "mentorbank.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from mentorbank.bank.panels import register

        from .recommend import recommended_panel

        register(recommended_panel)
