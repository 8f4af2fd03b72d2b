from django_tasks import task

from .anonymise import apply_retention


@task()
def apply_retention_task() -> dict[str, int]:
    """The retention rule as a background task (the daily schedule may enqueue it instead of the command)."""
    return apply_retention()
