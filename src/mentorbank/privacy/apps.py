from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "mentorbank.privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from mentorbank.core import schedule

        from .anonymise import apply_retention

        schedule.register("retention", schedule.DAY, apply_retention)
