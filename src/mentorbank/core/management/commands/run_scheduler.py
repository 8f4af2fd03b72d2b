import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from mentorbank.core import schedule


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (reminders, surveys, bank housekeeping, announcements, retention…) on their "
        "schedule; with --once, run what is due and stop (for cron or a systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run the jobs that are due once and stop")
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between looks (default 60)")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                for name, result in schedule.run_due().items():
                    self.stdout.write(f"{name}: {result}")
            except DatabaseError as error:  # the database may be away; look again later
                self.stderr.write(f"scheduler: database unavailable ({error.__class__.__name__})")
            if options["once"]:
                return
            time.sleep(options["interval"])
            close_old_connections()  # a connection that broke or aged while sleeping is opened anew
