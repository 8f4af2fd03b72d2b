import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mentorbank.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from mentorbank.core import workers

        from . import outbox

        workers.HOUSEKEEPERS.append(outbox.housekeeping)

        from mentorbank.core import schedule

        # e-mails whose delivery failed or whose task was lost, also where no task worker runs
        schedule.register("email_retry", datetime.timedelta(minutes=5), outbox.retry_unsent)
        schedule.register("email_purge", schedule.DAY, outbox.purge_sent)
