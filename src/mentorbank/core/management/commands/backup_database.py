from pathlib import Path

from django.core.management.base import BaseCommand

from mentorbank.core.backups import backup


class Command(BaseCommand):
    help = "Back the whole database up into FILE (PostgreSQL: pg_dump custom format; SQLite: a copy)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        backup(file)
        self.stdout.write(f"backed up to {file} ({file.stat().st_size} bytes)")
