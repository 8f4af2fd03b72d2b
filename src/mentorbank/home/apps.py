from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top floor: the signed-in home that gathers every domain, the organisation switch,
    the audit log and accessibility feedback pages."""

    name = "mentorbank.home"
    verbose_name = _("Home")
