from django.core.management.base import BaseCommand

from mentorbank.mentorships import notes


class Command(BaseCommand):
    help = "Re-encrypt every private note and single sign-on client secret with the first key of NOTES_ENCRYPTION_KEYS."

    def handle(self, *args: object, **options: object) -> None:
        count = notes.rotate()
        self.stdout.write(f"{count} notes re-encrypted with the current key.")
