from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mentorbank.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from mentorbank.core import workers

        from . import outbox

        workers.HOUSEKEEPERS.append(outbox.housekeeping)
