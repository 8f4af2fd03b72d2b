from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """Applications to programmes, their approvals and the form-tool import."""

    name = "mentorbank.applications"
    verbose_name = _("Applications")
