from django_tasks import task

from . import runs


@task()
def execute_run(run_id: int) -> None:
    runs.execute_run(run_id)
