from django_tasks import task

from . import services


@task()
def execute_run(run_id: int) -> None:
    services.execute_run(run_id)
