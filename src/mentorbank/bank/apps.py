from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BankConfig(AppConfig):
    """The lasting mentor bank: profiles, requests, guest mentors."""

    name = "mentorbank.bank"
    verbose_name = _("Mentor bank")

    def ready(self) -> None:
        from mentorbank.programmes.models import Programme
        from mentorbank.programmes.services import programme_closed

        programme_closed.connect(invite_alumni, sender=Programme, dispatch_uid="bank.alumni")

        from mentorbank.core import schedule

        from .banking import housekeeping

        schedule.register("bank_housekeeping", schedule.HOUR, housekeeping)


def invite_alumni(sender: Any, programme: Any, **kwargs: Any) -> None:
    """A cohort has ended: its mentees are invited to become mentors in the bank."""
    from .banking import invite_alumni_to_the_bank

    invite_alumni_to_the_bank(programme)
