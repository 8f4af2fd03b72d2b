from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "mentorbank.mentorships"
    verbose_name = _("Mentorships")

    def ready(self) -> None:
        from mentorbank.bank.banking import time_use_approved
        from mentorbank.bank.models import MentorRequest

        time_use_approved.connect(start_from_bank_request, sender=MentorRequest, dispatch_uid="mentorships.bank")

        from mentorbank.core import schedule

        from .reminders import send_due

        schedule.register("mentorship_reminders", schedule.HOUR, send_due)


def start_from_bank_request(sender: Any, mentor_request: Any, actor: Any, **kwargs: Any) -> None:
    """The mentor bank's pair is approved: their mentorship starts, with its agreement."""
    from .services import create_from_bank_request

    create_from_bank_request(mentor_request=mentor_request, actor=actor)
