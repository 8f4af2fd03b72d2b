from typing import Any

from django.core.management.base import BaseCommand

from mentorbank.bank.banking import housekeeping


class Command(BaseCommand):
    help = "Remind mentors of unanswered requests, expire old requests and pause inactive mentors. Run daily."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = housekeeping()
        self.stdout.write("reminded={reminded} expired={expired} paused={paused}".format(**counts))
