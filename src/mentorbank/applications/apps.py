import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """Applications to programmes, their approvals and the form-tool import."""

    name = "mentorbank.applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from mentorbank.programmes.models import Programme
        from mentorbank.programmes.partnerships import partner_left

        partner_left.connect(withdraw_applications, sender=Programme, dispatch_uid="applications.partner_left")

        from mentorbank.core import schedule

        from .announcements import invite_new_starters, resume_unfinished

        schedule.register("announcements", datetime.timedelta(minutes=15), resume_unfinished)
        schedule.register("new_starter_invitations", schedule.DAY, invite_new_starters)


def withdraw_applications(sender: Any, programme: Any, organisation: Any, **kwargs: Any) -> None:
    """An organisation left a consortium programme: its staff's applications go with it."""
    from .applying import withdraw_when_organisation_leaves

    withdraw_when_organisation_leaves(programme=programme, organisation=organisation)
