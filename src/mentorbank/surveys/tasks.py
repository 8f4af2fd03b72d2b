from django_tasks import task

from . import services


@task()
def send_surveys() -> dict[str, int]:
    return services.send_due()
