"""Analyse every bank profile again, e.g. after an upgrade of the Voikko dictionary or the stemmers."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from mentorbank.bank.bank_search import reindex_all


class Command(BaseCommand):
    help = "Store every mentor profile's analysed search terms again (after a dictionary upgrade)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = reindex_all()
        self.stdout.write(f"{count} profiles analysed in {time.perf_counter() - started:.1f} s")
