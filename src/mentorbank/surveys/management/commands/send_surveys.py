from django.core.management.base import BaseCommand

from mentorbank.surveys import services


class Command(BaseCommand):
    help = "Send the surveys that are due by each programme's schedule and one reminder (run daily)."

    def handle(self, *args: object, **options: object) -> None:
        for name, count in services.send_due().items():
            self.stdout.write(f"{name}: {count}")
