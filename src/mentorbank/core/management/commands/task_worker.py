from typing import Any

from django_tasks_db.management.commands import db_worker

from mentorbank.core.workers import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run a background task worker (django-tasks-db's db_worker) that survives database restarts "
        "and queues again the tasks of workers that were killed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        db_worker.Worker = ResilientWorker  # type: ignore[misc]  # the base command builds its worker by this name
        super().handle(*args, **options)
