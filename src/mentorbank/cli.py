"""The `mentorbank` command: `mentorbank match FILE` runs the matching engine on a JSON file (see
`mentorbank.matching.engine.cli`); anything else is one of Django's management commands, e.g.
`mentorbank send_reminders` from cron."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["match"]:
        from mentorbank.matching.engine.cli import main as match

        sys.argv = [f"{sys.argv[0]} match", *sys.argv[2:]]
        match()
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorbank.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
