from django.core.management.base import BaseCommand

from mentorbank.privacy.anonymise import apply_retention


class Command(BaseCommand):
    help = "Anonymise participants RETENTION_MONTHS after their programme closed (run daily)."

    def handle(self, *args: object, **options: object) -> None:
        done = apply_retention()
        self.stdout.write(f"anonymised: {done['programmes']} programmes, {done['mentorships']} other mentorships")
