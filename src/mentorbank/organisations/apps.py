from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "mentorbank.organisations"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from . import signals  # noqa: F401
