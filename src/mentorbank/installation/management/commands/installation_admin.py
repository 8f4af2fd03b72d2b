"""Operators name the installation admins: `manage.py installation_admin grant someone@example.fi`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentorbank.accounts.models import User, normalise_email


class Command(BaseCommand):
    help = "Grant or revoke the installation admin role (creates organisations and their first admins)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["grant", "revoke", "list"])
        parser.add_argument("email", nargs="?", default="")

    def handle(self, *args: Any, action: str, email: str, **options: Any) -> None:
        if action == "list":
            for user in User.objects.filter(is_installation_admin=True).order_by("email"):
                self.stdout.write(user.email)
            return
        found = User.objects.filter(email=normalise_email(email)).first() if email else None
        if found is None:
            raise CommandError(f"No account has the e-mail address {email!r}.")
        found.is_installation_admin = action == "grant"
        found.save(update_fields=["is_installation_admin"])
        self.stdout.write(f"{found.email}: installation admin {'granted' if action == 'grant' else 'revoked'}.")
