from django.core.management.base import BaseCommand
from django.db import transaction

from mentorbank.mentorships import notes
from mentorbank.sso import services as sso


class Command(BaseCommand):
    help = "Re-encrypt every private note and single sign-on client secret with the first key of NOTES_ENCRYPTION_KEYS."

    @transaction.atomic
    def handle(self, *args: object, **options: object) -> None:
        count, secrets = notes.rotate(), sso.rotate_client_secrets()
        self.stdout.write(f"{count} notes and {secrets} single sign-on secrets re-encrypted with the current key.")
