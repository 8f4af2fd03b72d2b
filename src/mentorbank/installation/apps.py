from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstallationConfig(AppConfig):
    name = "mentorbank.installation"
    verbose_name = _("Installation")
