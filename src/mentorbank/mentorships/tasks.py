from django_tasks import task

from . import reminders


@task()
def send_reminders() -> dict[str, int]:
    return reminders.send_due()
