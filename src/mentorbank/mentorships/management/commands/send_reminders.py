from django.core.management.base import BaseCommand

from mentorbank.mentorships import reminders


class Command(BaseCommand):
    help = "Send the mentorship reminders that are due (run every hour, e.g. from cron); never sends one twice."

    def handle(self, *args: object, **options: object) -> None:
        for kind, count in reminders.send_due().items():
            self.stdout.write(f"{kind}: {count}")
