from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorbank.core.backups import restore


class Command(BaseCommand):
    help = "Replace the whole database with the backup in FILE. Stop the web processes and workers first."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: object, file: Path, yes: bool, **options: object) -> None:
        if not file.exists():
            raise CommandError(f"no such backup: {file}")
        if not yes and input(f"Replace the whole database with {file}? Type yes: ").strip() != "yes":
            raise CommandError("nothing restored")
        restore(file)
        self.stdout.write(f"restored from {file}")
