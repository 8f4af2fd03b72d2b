from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "mentorbank.programmes"
    verbose_name = _("Programmes and the mentor bank")

    def ready(self) -> None:
        from mentorbank.organisations.access import GUEST_PROGRAMMES

        from .access import guest_programmes

        GUEST_PROGRAMMES.append(guest_programmes)
